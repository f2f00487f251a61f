import Foundation
import Testing

@testable import PilotStore

/// A decision's counter shard (`CounterSlots`): decisions running at once in one process get
/// different shards, so they never wait on each other's counter rows; one at a time stays in shard 0.
@Suite("Counter slots")
struct CounterSlotsTests {
    @Test("the lowest free slot; held slots are never handed out twice; all held gives nil")
    func lowestFree() {
        let slots = CounterSlots()
        #expect(slots.take() == 0)
        #expect(slots.take() == 1)
        #expect(slots.take() == 2)
        slots.release(1)
        #expect(slots.take() == 1)
        for expected in 3..<Int64(CounterSlots.capacity) { #expect(slots.take() == expected) }
        #expect(slots.take() == nil)
        slots.release(40)
        #expect(slots.take() == 40)
    }

    @Test("concurrent holders see distinct slots; one at a time always gets slot 0")
    func concurrentHolders() async throws {
        let slots = CounterSlots()
        for _ in 0..<5 { #expect(await slots.withSlot(fallback: 7) { $0 } == 0) }
        let gate = AsyncGate()
        let held = try await withThrowingTaskGroup(of: Int64.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    try await slots.withSlot(fallback: -1) { slot in
                        await gate.arrive(waitingFor: 16)
                        return slot
                    }
                }
            }
            return try await group.reduce(into: [Int64]()) { $0.append($1) }
        }
        // All sixteen held a slot at the same moment (the gate), each a different one.
        #expect(Set(held) == Set(0..<16))
        #expect(slots.take() == 0)
    }
}

/// Lets tasks through once `count` have arrived.
private actor AsyncGate {
    private var arrived = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func arrive(waitingFor count: Int) async {
        arrived += 1
        if arrived >= count {
            for continuation in waiting { continuation.resume() }
            waiting = []
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }
}
