// swift-tools-version:6.0
import PackageDescription

// GenUI: JSON Schema → constrained decoding → validated component tree → HTML/SVG.
// Data flows one way through the modules below; each has one job.
let package = Package(
    name: "GenUI",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "genui", targets: ["genui"]),
        .library(name: "JSONSchema", targets: ["JSONSchema"]),
        .library(name: "StructuredOutput", targets: ["StructuredOutput"]),
        .library(name: "Tokenizers", targets: ["Tokenizers"]),
        .library(name: "Components", targets: ["Components"]),
        .library(name: "Rendering", targets: ["Rendering"]),
        .library(name: "Inference", targets: ["Inference"]),
        .library(name: "Datasets", targets: ["Datasets"]),
        .library(name: "Server", targets: ["Server"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
    ],
    targets: [
        // C libraries, found through pkg-config (Debian: libcmark-dev, libmicrohttpd-dev).
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
        .systemLibrary(name: "CMicroHTTPD", pkgConfig: "libmicrohttpd", providers: [.apt(["libmicrohttpd-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // llama.cpp, built from the pinned PyPI sdist by scripts/build-llama.sh (PKG_CONFIG_PATH is set by the Makefile).
        .systemLibrary(name: "CLlama", pkgConfig: "genui-llama"),

        // JSON values, JSON Pointer, JSON Schema parsing, `$ref` resolution, validation, strict-mode lint.
        .target(name: "JSONSchema"),
        // Token id → bytes for GGUF, tokenizer.json and tiktoken vocabularies; BPE encoding.
        .target(name: "Tokenizers", dependencies: ["JSONSchema"]),
        // Schema → grammar → token masks (`GrammarMatcher`).
        .target(name: "StructuredOutput", dependencies: ["JSONSchema", "Tokenizers"]),
        // Language models: llama.cpp in-process and OpenAI-compatible endpoints, sampled under our token masks.
        .target(name: "Inference", dependencies: ["CLlama", "StructuredOutput", "Tokenizers", "JSONSchema"]),
        // The typed component tree, semantic checks and chart lint.
        .target(name: "Components", dependencies: ["JSONSchema"]),
        // Component tree → HTML with inline SVG charts; markdown through libcmark.
        .target(
            name: "Rendering",
            dependencies: ["Components", "CCmark", .product(name: "Mustache", package: "swift-mustache")]
        ),
        // Registered datasets (CSV, JSON records, SQLite) and the queries that ground a tree's numbers
        // in them; the catalog specialised to a dataset's columns.
        .target(name: "Datasets", dependencies: ["CSQLite", "JSONSchema", "Components"]),
        // libmicrohttpd behind a small Swift HTTP layer; GenUI's routes, SSE generation and chat UI.
        .target(
            name: "Server",
            dependencies: ["CMicroHTTPD", "JSONSchema", "Components", "Rendering", "Inference", "Datasets"]
        ),
        .executableTarget(
            name: "genui",
            dependencies: [
                "JSONSchema", "Tokenizers", "StructuredOutput", "Inference", "Components", "Rendering", "Datasets", "Server",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .testTarget(name: "JSONSchemaTests", dependencies: ["JSONSchema"]),
        .testTarget(name: "TokenizersTests", dependencies: ["Tokenizers"]),
        .testTarget(name: "StructuredOutputTests", dependencies: ["StructuredOutput", "Tokenizers", "JSONSchema"]),
        .testTarget(name: "ComponentsTests", dependencies: ["Components", "JSONSchema"]),
        .testTarget(name: "RenderingTests", dependencies: ["Rendering", "Components", "JSONSchema"]),
        .testTarget(name: "InferenceTests", dependencies: ["Inference", "StructuredOutput", "Tokenizers", "JSONSchema"]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "Components", "Rendering", "StructuredOutput", "JSONSchema"]),
        .testTarget(name: "ServerTests", dependencies: ["Server", "Inference", "Components", "JSONSchema"]),
        .testTarget(name: "CLITests", dependencies: ["genui", "JSONSchema"]),
    ]
)

// `make fuzz` only: libFuzzer entry points (libFuzzer supplies `main`, so ordinary builds must not
// see this target).
if Context.environment["GENUI_FUZZ"] == "1" {
    package.targets.append(.executableTarget(
        name: "genui-fuzz",
        dependencies: ["JSONSchema", "StructuredOutput", "Tokenizers", "Components", "Rendering", "Datasets"],
        path: "Fuzz/GenUIFuzz"
    ))
    package.products.append(.executable(name: "genui-fuzz", targets: ["genui-fuzz"]))
}
