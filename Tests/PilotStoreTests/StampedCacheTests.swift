import Testing

@testable import PilotStore

/// `StampedCache.update` (issue #16): a kept value changed where it is kept, then stamped anew or
/// dropped; the value a reader already holds is left as it was.
@Suite("Stamped cache: changed in place")
struct StampedCacheTests {
    @Test("a change is kept at the stamp it returns; nil drops the value; nothing kept, nothing called")
    func update() {
        let cache = StampedCache<Int, [Int]>(capacity: 4)
        var called = false
        #expect(
            !cache.update("a") { _, _ in
                called = true; return 1
            })
        #expect(!called)

        cache.keep([1, 2, 3], "a", at: 1)
        let held = cache.value("a", at: 1)
        var seen: Int?
        #expect(
            cache.update("a") { value, stamp in
                seen = stamp
                value[1] = 20
                return 2
            })
        #expect(seen == 1)
        #expect(cache.value("a", at: 1) == nil)
        #expect(cache.value("a", at: 2) == [1, 20, 3])
        // A reader's value is its own: the change copied it rather than writing through it.
        #expect(held == [1, 2, 3])

        #expect(
            cache.update("a") { value, _ in
                value.append(4)
                return nil
            })
        #expect(cache.latest("a") == nil)
    }

    @Test("off: nothing is changed or kept")
    func off() {
        let cache = StampedCache<Int, [Int]>(capacity: 4)
        cache.keep([1], "a", at: 1)
        cache.setEnabled(false)
        #expect(!cache.update("a") { _, _ in 2 })
        cache.setEnabled(true)
        #expect(cache.latest("a") == nil)
    }
}
