/// The zone of every judged day, in day order from the first: years of days kept without a hash
/// table (a day command judges every one of them).
public struct DayZones: Sendable, Sequence {
    public typealias Element = (key: Day, value: DayZone)

    private let first: Day
    private var zones: [DayZone?]

    init(from first: Day, through last: Day) {
        self.first = first
        zones = Array(repeating: nil, count: Swift.max(0, last - first + 1))
    }

    init() { self.init(from: Day(ordinal: 0), through: Day(ordinal: -1)) }

    /// Nil for a day that was not judged (nothing to judge, or outside the judged days).
    public subscript(day: Day) -> DayZone? {
        get {
            let offset = day - first
            return zones.indices.contains(offset) ? zones[offset] : nil
        }
        set { zones[day - first] = newValue }
    }

    public var isEmpty: Bool { !zones.contains { $0 != nil } }

    public func makeIterator() -> Iterator { Iterator(zones: self) }

    /// The judged days in order.
    public struct Iterator: IteratorProtocol {
        fileprivate let zones: DayZones
        fileprivate var offset = 0

        public mutating func next() -> Element? {
            while offset < zones.zones.count {
                defer { offset += 1 }
                if let zone = zones.zones[offset] { return (zones.first + offset, zone) }
            }
            return nil
        }
    }
}

extension DayZones: Equatable {
    /// The same days judged the same, however far each one's storage reaches.
    public static func == (a: DayZones, b: DayZones) -> Bool {
        a.elementsEqual(b) { $0.key == $1.key && $0.value == $1.value }
    }
}
