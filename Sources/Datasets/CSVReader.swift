/// A problem in an imported file, located by line and column (both 1-based) when it has one.
public struct ImportError: Error, Sendable, CustomStringConvertible, Equatable {
    public let message: String
    public let line: Int?
    public let column: Int?

    public init(_ message: String, line: Int? = nil, column: Int? = nil) {
        self.message = message; self.line = line; self.column = column
    }

    public var description: String {
        switch (line, column) {
        case let (l?, c?): return "line \(l), column \(c): \(message)"
        case let (l?, nil): return "line \(l): \(message)"
        default: return message
        }
    }
}

/// RFC 4180 CSV: a header line, then records of the same number of fields. Fields may be quoted
/// (`"a, b"`, `""` for a quote inside) and span lines; CRLF or LF line ends; a UTF-8 byte-order
/// mark is skipped. Every error names the line and column where it was found.
public struct CSVReader {
    public var maxBytes = 200 << 20
    public var maxFields = 200
    public var maxFieldBytes = 64 << 10

    public init() {}

    public struct Table: Sendable {
        public var header: [String]
        public var records: [[String]]
        /// The 1-based line each record starts on (for error messages).
        public var lines: [Int]
    }

    public func read(_ bytes: [UInt8]) throws(ImportError) -> Table {
        guard bytes.count <= maxBytes else {
            throw ImportError("the file is \(bytes.count) bytes; the limit is \(maxBytes)")
        }
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let n = bytes.count
        var line = 1, column = 1
        var records: [[String]] = []
        var lines: [Int] = []
        var record: [String] = []
        var field: [UInt8] = []
        var recordLine = 1

        func finishField() throws(ImportError) {
            guard let text = String(validating: field, as: UTF8.self) else {
                throw ImportError("the field is not valid UTF-8", line: line, column: column)
            }
            record.append(text)
            field.removeAll(keepingCapacity: true)
            if record.count > maxFields { throw ImportError("more than \(maxFields) fields", line: line, column: column) }
        }
        func finishRecord() {
            // A blank line (one empty field) is skipped, not read as a record.
            if !(record.count == 1 && record[0].isEmpty) {
                records.append(record)
                lines.append(recordLine)
            }
            record = []
        }

        while i < n {
            let b = bytes[i]
            if field.isEmpty && b == 0x22 {  // a quoted field
                let startLine = line, startColumn = column
                i += 1; column += 1
                var closed = false
                while i < n {
                    let c = bytes[i]
                    if c == 0x22 {
                        if i + 1 < n && bytes[i + 1] == 0x22 { field.append(0x22); i += 2; column += 2; continue }
                        i += 1; column += 1
                        closed = true
                        break
                    }
                    if c == 0x0A { line += 1; column = 1 } else { column += 1 }
                    field.append(c)
                    i += 1
                    if field.count > maxFieldBytes { throw ImportError("a field is longer than \(maxFieldBytes) bytes", line: startLine, column: startColumn) }
                }
                guard closed else { throw ImportError("a quoted field is not closed", line: startLine, column: startColumn) }
                if i < n, bytes[i] != 0x2C, bytes[i] != 0x0A, bytes[i] != 0x0D {
                    throw ImportError("unexpected character after a closing quote", line: line, column: column)
                }
                continue
            }
            switch b {
            case 0x2C:
                try finishField()
            case 0x0D where i + 1 < n && bytes[i + 1] == 0x0A:
                i += 1
                fallthrough
            case 0x0A:
                try finishField()
                finishRecord()
                line += 1; column = 0
                recordLine = line
            case 0x22:
                throw ImportError("a quote inside an unquoted field (quote the whole field and double the quote)", line: line, column: column)
            default:
                field.append(b)
                if field.count > maxFieldBytes { throw ImportError("a field is longer than \(maxFieldBytes) bytes", line: line, column: column) }
            }
            i += 1; column += 1
        }
        if !field.isEmpty || !record.isEmpty {
            try finishField()
            finishRecord()
        }
        guard let header = records.first else { throw ImportError("the file is empty: a header line is needed") }
        let body = Array(records.dropFirst())
        for (k, r) in body.enumerated() where r.count != header.count {
            throw ImportError("expected \(header.count) fields as in the header, found \(r.count)", line: lines[k + 1])
        }
        return Table(header: header, records: body, lines: Array(lines.dropFirst()))
    }
}
