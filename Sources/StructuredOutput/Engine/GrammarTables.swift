/// `FlatGrammar` copied into raw, immutable buffers so the closure loop reads them without
/// bounds checks, retain/release or exclusivity checks. Freed when the owning `CompiledGrammar` dies.
final class GrammarTables: @unchecked Sendable {
    let byteStart: UnsafeMutablePointer<Int32>
    let edgeLo: UnsafeMutablePointer<UInt8>
    let edgeHi: UnsafeMutablePointer<UInt8>
    let edgeTarget: UnsafeMutablePointer<Int32>
    let callStart: UnsafeMutablePointer<Int32>
    let callCode: UnsafeMutablePointer<Int32>
    let callTarget: UnsafeMutablePointer<Int32>
    let accepting: UnsafeMutablePointer<Bool>
    let repItemCode: UnsafeMutablePointer<Int32>
    let repSepCode: UnsafeMutablePointer<Int32>
    let repMin: UnsafeMutablePointer<Int32>
    let repMax: UnsafeMutablePointer<Int32>
    let stateCount: Int
    let startCode: Int32
    let flat: FlatGrammar

    init(_ flat: FlatGrammar) {
        self.flat = flat
        func copy<T>(_ a: [T]) -> UnsafeMutablePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: max(a.count, 1))
            a.withUnsafeBufferPointer { src in if let base = src.baseAddress { p.initialize(from: base, count: a.count) } }
            return p
        }
        byteStart = copy(flat.byteStart)
        edgeLo = copy(flat.edgeLo)
        edgeHi = copy(flat.edgeHi)
        edgeTarget = copy(flat.edgeTarget)
        callStart = copy(flat.callStart)
        callCode = copy(flat.callCode)
        callTarget = copy(flat.callTarget)
        accepting = copy(flat.accepting)
        repItemCode = copy(flat.repItemCode)
        repSepCode = copy(flat.repSepCode)
        repMin = copy(flat.repMin)
        repMax = copy(flat.repMax)
        stateCount = flat.stateCount
        startCode = flat.startCode
    }

    deinit {
        byteStart.deallocate(); edgeLo.deallocate(); edgeHi.deallocate(); edgeTarget.deallocate()
        callStart.deallocate(); callCode.deallocate(); callTarget.deallocate(); accepting.deallocate()
        repItemCode.deallocate(); repSepCode.deallocate(); repMin.deallocate(); repMax.deallocate()
    }
}
