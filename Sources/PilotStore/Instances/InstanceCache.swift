import NIOConcurrencyHelpers
import WorkflowEngine

/// The instance rows this process wrote last, so the next command on a busy instance decides on
/// them without reading the row again (issue #16: the read before each decision cost a round
/// trip, a pool lease and a second transaction per command).
///
/// Safe because the write is version-checked: the decision's UPDATE matches the row only while
/// its `version` and `event_seq` are the ones the decision was made on, and every writer of
/// `workflow_instances` bumps one of them (a decision bumps `version`, a record slot's final
/// mark bumps `event_seq`). A stale entry — another server process, the timer command, a hand
/// edit that bumps the version — makes the write match nothing: `WorkflowService.execute` then
/// drops the entry, reads the row and decides again, once. A refusal made on an entry is
/// likewise never answered before the row is read fresh. The engine reads nothing but the
/// instance, its definition, the actor, the time, the programme's rules (their own cache) and the
/// command's facts, so no decision depends on data the entry does not hold.
///
/// Bounded by two generations of `capacity` entries each: a full generation becomes the old one
/// and the older one is dropped, so a busy instance stays and the rest age out.
public final class InstanceCache: Sendable {
    public let capacity: Int
    private let generations = NIOLockedValueBox(Generations())

    private struct Generations {
        var current: [String: InstanceSnapshot] = [:]
        var previous: [String: InstanceSnapshot] = [:]
        var hits = 0
        var misses = 0
    }

    /// `capacity` 0 keeps nothing (every command reads its instance).
    public init(capacity: Int = 2048) { self.capacity = max(0, capacity) }

    public func snapshot(_ id: String) -> InstanceSnapshot? {
        generations.withLockedValue { generations in
            let kept = generations.current[id] ?? generations.previous[id]
            if kept == nil { generations.misses += 1 } else { generations.hits += 1 }
            return kept
        }
    }

    /// Commands that found their instance kept, and that had to read it (for `bench transitions`).
    public var lookups: (hits: Int, misses: Int) { generations.withLockedValue { ($0.hits, $0.misses) } }

    /// Keeps `snapshot` as the row now stands, unless a newer version of it is kept already (two
    /// commands of this process finishing out of order).
    public func keep(_ snapshot: InstanceSnapshot) {
        guard capacity > 0 else { return }
        generations.withLockedValue { generations in
            if let known = generations.current[snapshot.id] ?? generations.previous[snapshot.id],
                (known.version, known.eventSequence) > (snapshot.version, snapshot.eventSequence)
            {
                return
            }
            generations.previous.removeValue(forKey: snapshot.id)
            if generations.current.count >= capacity {
                generations.previous = generations.current
                generations.current = [:]
            }
            generations.current[snapshot.id] = snapshot
        }
    }

    public func forget(_ id: String) {
        generations.withLockedValue {
            $0.current.removeValue(forKey: id)
            $0.previous.removeValue(forKey: id)
        }
    }

    public var count: Int { generations.withLockedValue { $0.current.count + $0.previous.count } }
}
