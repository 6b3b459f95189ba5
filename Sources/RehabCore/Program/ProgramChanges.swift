import Foundation

/// What differs between two programs, one line per change, in the file's own field names:
/// `phases[activation].minimumDays: 14 -> 10`. Shown when a patient switches programs.
public enum ProgramChanges {
    public static func between(_ old: Program, _ new: Program) -> [String] {
        guard let a = tree(old), let b = tree(new) else { return [] }
        var lines: [String] = []
        diff(a.value, b.value, path: "", into: &lines)
        return lines
    }

    private static func tree(_ p: Program) -> JSONTree.Node? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(p) else { return nil }
        return try? JSONTree(parsing: String(decoding: data, as: UTF8.self)).root
    }

    private static func diff(_ a: JSONTree.Value, _ b: JSONTree.Value, path: String, into lines: inout [String]) {
        switch (a, b) {
        case (.object(let x), .object(let y)):
            let keys = (x.map(\.key) + y.map(\.key)).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            for key in keys {
                let p = path.isEmpty ? key : path + "." + key
                switch (x.first { $0.key == key }?.node.value, y.first { $0.key == key }?.node.value) {
                case (let l?, let r?): diff(l, r, path: p, into: &lines)
                case (let l?, nil): lines.append("\(p): \(show(l)) -> removed")
                case (nil, let r?): lines.append("\(p): added \(show(r))")
                default: break
                }
            }
        case (.list(let x), .list(let y)):
            let xs = x.map { label($0.value) }, ys = y.map { label($0.value) }
            if xs.allSatisfy({ $0 != nil }), ys.allSatisfy({ $0 != nil }) {
                let removed = xs.compactMap { $0 }.filter { !ys.contains($0) }
                let added = ys.compactMap { $0 }.filter { !xs.contains($0) }
                if !removed.isEmpty { lines.append("\(path): removed \(removed.joined(separator: ", "))") }
                if !added.isEmpty { lines.append("\(path): added \(added.joined(separator: ", "))") }
                for (i, l) in xs.enumerated() {
                    if let j = ys.firstIndex(of: l) { diff(x[i].value, y[j].value, path: "\(path)[\(l!)]", into: &lines) }
                }
            } else {
                if x.count != y.count { lines.append("\(path): \(x.count) items -> \(y.count) items") }
                for i in 0..<min(x.count, y.count) { diff(x[i].value, y[i].value, path: "\(path)[\(i)]", into: &lines) }
            }
        default:
            if show(a) != show(b) { lines.append("\(path): \(show(a)) -> \(show(b))") }
        }
    }

    /// An item's id ("clamshell", "stage 3") when it has one, so lists are compared by name, not position.
    private static func label(_ v: JSONTree.Value) -> String? {
        guard case .object(let members) = v else { return nil }
        for key in ["id", "stage", "type"] {
            switch members.first(where: { $0.key == key })?.node.value {
            case .text(let t)?: return t
            case .number(let n, _)?: return "\(key) \(Int(n))"
            default: continue
            }
        }
        return nil
    }

    private static func show(_ v: JSONTree.Value) -> String {
        switch v {
        case .text(let t): return "\"" + (t.count > 40 ? String(t.prefix(40)) + "..." : t) + "\""
        case .number(let n, _): return n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
        case .flag(let b): return String(b)
        case .null: return "null"
        case .object: return "{...}"
        case .list(let items): return "[\(items.count) items]"
        }
    }
}
