import JSONSchema

/// One node reached by `TreeWalk`: the component (the Dashboard included), its
/// pointer in the surface document and its depth (Dashboard = 1).
struct VisitedNode {
    let component: any Component
    let pointer: JSONPointer
    let depth: Int
}

/// Depth-first, document-order traversal of a surface, including the KPIs inside KPIGroups.
enum TreeWalk {
    static func nodes(of surface: Surface) -> [VisitedNode] {
        let rootPointer = JSONPointer.root / "root"
        var out = [VisitedNode(component: surface.root, pointer: rootPointer, depth: 1)]
        for (i, child) in surface.root.children.enumerated() {
            visit(child, at: rootPointer / "children" / i, depth: 2, into: &out)
        }
        return out
    }

    private static func visit(_ node: Node, at pointer: JSONPointer, depth: Int, into out: inout [VisitedNode]) {
        out.append(VisitedNode(component: node.component, pointer: pointer, depth: depth))
        if case .kpiGroup(let g) = node {
            for (i, kpi) in g.items.enumerated() {
                out.append(VisitedNode(component: kpi, pointer: pointer / "items" / i, depth: depth + 1))
            }
        }
        for (suffix, child) in node.childNodes {
            visit(child, at: JSONPointer(pointer.tokens + suffix), depth: depth + 1, into: &out)
        }
    }
}
