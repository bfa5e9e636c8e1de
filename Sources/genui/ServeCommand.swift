import ArgumentParser
import Dispatch
import Foundation
import Inference
import Server

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Start the GenUI server: chat UI, /v1/generate, /v1/render, /v1/chat/completions.",
        discussion: """
        Loads the model (the embedded llama.cpp default unless told otherwise), compiles the catalog
        grammar for its vocabulary, then serves until SIGINT or SIGTERM; on a signal, streams in
        flight end with an error event and the process exits 0. Exit status 2 when the model cannot
        be loaded or the address cannot be bound.
        """
    )

    @Option(help: "Address to listen on (IPv4, IPv6 or localhost).")
    var host = "127.0.0.1"

    @Option(help: "Port (0 picks a free one; the URL is printed).")
    var port: UInt16 = 8080

    @OptionGroup var modelOptions: ModelOptions

    @Option(help: "Largest request body in bytes.")
    var maxBodyBytes = 4 << 20

    @Option(help: "Concurrent connections (one event loop holds them; lowered to fit the open-file limit).")
    var maxConnections: UInt32 = 4096

    @Option(help: "Concurrent connections from one client address (0: no limit).")
    var maxConnectionsPerAddress: UInt32 = 256

    @Option(help: "Seconds of silence after which a connection is closed.")
    var idleTimeout: UInt32 = 30

    @Option(help: "Generations that may wait for the model before new ones get 503.")
    var maxQueue = 4

    @OptionGroup var datasets: DatasetOptions

    func run() throws {
        let model: any LanguageModel
        let application: GenUIApplication
        do {
            printError("loading \(modelOptions.summary)…")
            model = try modelOptions.makeModel()
            let pipeline = try DashboardPipeline(model: model)
            try model.prepare(constraint: pipeline.catalog)
            var options = GenUIApplication.Options()
            options.maxQueuedGenerations = maxQueue
            options.datasets = datasets.load()
            printError("datasets: \(options.datasets.all.map(\.name).joined(separator: ", ").nilIfEmpty ?? "none") (from \(datasets.path))")
            application = try GenUIApplication(pipeline: pipeline, options: options)
        } catch {
            printError("error: \(error)")
            throw Exit.io
        }
        var configuration = ServerConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.maxBodyBytes = maxBodyBytes
        configuration.maxConnections = maxConnections
        configuration.maxConnectionsPerAddress = maxConnectionsPerAddress
        configuration.idleTimeoutSeconds = idleTimeout
        let server = HTTPServer(configuration: configuration, handler: application.respond(to:))
        do { try server.start() } catch {
            printError("error: \(error)")
            throw Exit.io
        }
        application.attach(server)
        let shownHost = host.contains(":") ? "[\(host)]" : host
        // The URL goes to stdout (scripts read it); everything else to stderr.
        writeStdout("GenUI is serving http://\(shownHost):\(server.port)/ with \(model.name)\n")

        let stop = DispatchSemaphore(value: 0)
        var sources: [DispatchSourceSignal] = []
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { stop.signal() }
            source.resume()
            sources.append(source)
        }
        stop.wait()
        printError("shutting down: finishing \(server.activeStreamCount) open streams…")
        server.shutdown()
        printError("stopped")
        withExtendedLifetime(sources) {}
    }
}
