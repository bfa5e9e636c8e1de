/// Where one tensor lives in a GGUF file (its data is never read by this library).
public struct GGUFTensorInfo: Sendable, Equatable {
    public let name: String
    /// Dimensions, innermost first (`ne[0]`, `ne[1]` … in ggml terms).
    public let dimensions: [UInt64]
    /// The ggml type tag (0 = F32, 1 = F16, 2 = Q4_0 …).
    public let ggmlType: UInt32
    /// Offset of the tensor's data, relative to `GGUFFile.dataOffset`.
    public let offset: UInt64
}

/// The header, metadata and tensor directory of a GGUF file (v2 or v3), read without touching the
/// tensor data.
public struct GGUFFile: Sendable {
    /// Format version (2 or 3).
    public let version: UInt32
    /// All metadata, in file order.
    public let metadata: GGUFMetadata
    /// The tensor directory.
    public let tensors: [GGUFTensorInfo]
    /// Absolute offset of the tensor data section (after alignment padding).
    public let dataOffset: Int
    /// Size of the whole file in bytes.
    public let fileSize: Int

    /// Reads the header of the GGUF file at `path`, streaming only the bytes it needs.
    public static func read(path: String, limits: TokenizerLimits = .standard) throws -> GGUFFile {
        var stream = try ByteStream(path: path, readLimit: limits.maxGGUFHeaderBytes)
        defer { stream.close() }
        do {
            return try parse(&stream, limits: limits)
        } catch let e as TokenizerError {
            throw e.inFile(path)
        }
    }

    /// Parses a GGUF image held in memory (tests, embedded data).
    public static func parse(bytes: [UInt8], limits: TokenizerLimits = .standard) throws -> GGUFFile {
        var stream = ByteStream(bytes: bytes, readLimit: limits.maxGGUFHeaderBytes)
        return try parse(&stream, limits: limits)
    }

    /// True when `prefix` starts with the GGUF magic.
    public static func hasMagic<C: Collection>(_ prefix: C) -> Bool where C.Element == UInt8 {
        Array(prefix.prefix(4)) == Array("GGUF".utf8)
    }

    private static func parse(_ s: inout ByteStream, limits: TokenizerLimits) throws -> GGUFFile {
        let magic = try s.bytes(4, "the GGUF magic")
        guard hasMagic(magic) else {
            throw TokenizerError(.malformed, "not a GGUF file (the first four bytes are not \"GGUF\")", offset: 0)
        }
        let version = try s.u32("the format version")
        guard version == 2 || version == 3 else {
            if version == 1 {
                throw TokenizerError(.unsupported, "GGUF version 1 (32-bit sizes) is not supported; re-convert the model", pointer: "/version", offset: 4)
            }
            if version.byteSwapped == 2 || version.byteSwapped == 3 {
                throw TokenizerError(.unsupported, "big-endian GGUF files are not supported", pointer: "/version", offset: 4)
            }
            throw TokenizerError(.malformed, "unknown GGUF version \(version)", pointer: "/version", offset: 4)
        }
        let tensorCount = try s.u64("the tensor count")
        let kvCount = try s.u64("the metadata count")
        guard tensorCount <= UInt64(limits.maxTensors) else {
            throw TokenizerError(.limitExceeded, "the file declares \(tensorCount) tensors (limit \(limits.maxTensors))", pointer: "/tensor_count", offset: 8)
        }
        guard kvCount <= UInt64(limits.maxMetadataEntries) else {
            throw TokenizerError(.limitExceeded, "the file declares \(kvCount) metadata entries (limit \(limits.maxMetadataEntries))", pointer: "/metadata", offset: 16)
        }
        // Each entry takes at least 8 (key length) + 4 (type) + 1 bytes: reject counts the file cannot hold.
        guard Int(kvCount) * 13 <= s.remaining else {
            throw TokenizerError(.truncated, "the file is too short for \(kvCount) metadata entries", pointer: "/metadata", offset: s.offset)
        }

        let reader = ValueReader(limits: limits)
        var entries: [(String, GGUFValue)] = []
        entries.reserveCapacity(Int(kvCount))
        for i in 0..<Int(kvCount) {
            let key = try reader.string(&s, pointer: "/metadata/\(i)")
            let pointer = "/metadata/" + pointerToken(key)
            let tag = try s.u32("the type of \(key)")
            guard let type = GGUFValueType(rawValue: tag) else {
                throw TokenizerError(.malformed, "unknown value type \(tag)", pointer: pointer, offset: s.offset - 4)
            }
            let value = try reader.value(&s, type: type, pointer: pointer, depth: 0)
            entries.append((key, value))
        }
        let metadata = GGUFMetadata(entries: entries)

        var tensors: [GGUFTensorInfo] = []
        tensors.reserveCapacity(Int(min(tensorCount, 1 << 16)))
        for i in 0..<Int(tensorCount) {
            let pointer = "/tensors/\(i)"
            let name = try reader.string(&s, pointer: pointer + "/name")
            let nDims = try s.u32("the dimension count of tensor \(name)")
            guard nDims <= UInt32(limits.maxTensorDimensions) else {
                throw TokenizerError(.limitExceeded, "tensor \(name) declares \(nDims) dimensions (limit \(limits.maxTensorDimensions))", pointer: pointer, offset: s.offset - 4)
            }
            var dims: [UInt64] = []
            for _ in 0..<nDims { dims.append(try s.u64("a dimension of tensor \(name)")) }
            let type = try s.u32("the type of tensor \(name)")
            let offset = try s.u64("the data offset of tensor \(name)")
            tensors.append(GGUFTensorInfo(name: name, dimensions: dims, ggmlType: type, offset: offset))
        }

        var alignment = 32
        if let a = metadata["general.alignment"]?.intValue, a > 0, a <= 1 << 20, a & (a - 1) == 0 { alignment = Int(a) }
        let end = s.offset
        let dataOffset = (end + alignment - 1) / alignment * alignment
        return GGUFFile(version: version, metadata: metadata, tensors: tensors, dataOffset: dataOffset, fileSize: s.size)
    }
}

/// Decodes typed GGUF values from a stream, enforcing `TokenizerLimits`.
private struct ValueReader {
    let limits: TokenizerLimits

    func string(_ s: inout ByteStream, pointer: @autoclosure () -> String) throws -> String {
        let at = s.offset
        let n = try s.u64("a string length")
        guard n <= UInt64(limits.maxStringBytes) else {
            throw TokenizerError(.limitExceeded, "a string declares \(n) bytes (limit \(limits.maxStringBytes))", pointer: pointer(), offset: at)
        }
        let bytes = try s.bytes(Int(n), "a \(n)-byte string")
        return String(decoding: bytes, as: UTF8.self)
    }

    func value(_ s: inout ByteStream, type: GGUFValueType, pointer: String, depth: Int) throws -> GGUFValue {
        switch type {
        case .uint8: return .uint8(try s.u8(pointer))
        case .int8: return .int8(Int8(bitPattern: try s.u8(pointer)))
        case .uint16: return .uint16(try s.u16(pointer))
        case .int16: return .int16(Int16(bitPattern: try s.u16(pointer)))
        case .uint32: return .uint32(try s.u32(pointer))
        case .int32: return .int32(Int32(bitPattern: try s.u32(pointer)))
        case .uint64: return .uint64(try s.u64(pointer))
        case .int64: return .int64(Int64(bitPattern: try s.u64(pointer)))
        case .float32: return .float32(Float(bitPattern: try s.u32(pointer)))
        case .float64: return .float64(Double(bitPattern: try s.u64(pointer)))
        case .bool:
            let at = s.offset
            let b = try s.u8(pointer)
            guard b <= 1 else { throw TokenizerError(.malformed, "a bool holds \(b) (expected 0 or 1)", pointer: pointer, offset: at) }
            return .bool(b == 1)
        case .string: return .string(try string(&s, pointer: pointer))
        case .array: return try array(&s, pointer: pointer, depth: depth + 1)
        }
    }

    func array(_ s: inout ByteStream, pointer: String, depth: Int) throws -> GGUFValue {
        let at = s.offset
        guard depth <= limits.maxArrayDepth else {
            throw TokenizerError(.limitExceeded, "arrays nested deeper than \(limits.maxArrayDepth) levels", pointer: pointer, offset: at)
        }
        let tag = try s.u32("an array element type")
        guard let type = GGUFValueType(rawValue: tag) else {
            throw TokenizerError(.malformed, "unknown array element type \(tag)", pointer: pointer, offset: at)
        }
        let n = try s.u64("an array length")
        guard n <= UInt64(limits.maxArrayElements) else {
            throw TokenizerError(.limitExceeded, "an array declares \(n) elements (limit \(limits.maxArrayElements))", pointer: pointer, offset: at)
        }
        let count = Int(n)
        guard count * type.minimumSize <= s.remaining else {
            throw TokenizerError(.truncated, "the file is too short for an array of \(count) \(type) values", pointer: pointer, offset: at)
        }
        var items: [GGUFValue] = []
        items.reserveCapacity(count)
        if type == .string {
            for i in 0..<count { items.append(.string(try string(&s, pointer: "\(pointer)/\(i)"))) }
        } else if type == .array {
            for i in 0..<count { items.append(try array(&s, pointer: "\(pointer)/\(i)", depth: depth + 1)) }
        } else {
            for _ in 0..<count { items.append(try value(&s, type: type, pointer: pointer, depth: depth)) }
        }
        return .array(type, items)
    }
}
