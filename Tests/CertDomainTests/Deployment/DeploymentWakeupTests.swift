import CertDomain
import Testing

@Suite("DeploymentWakeup: the runner's coalescing signal")
struct DeploymentWakeupTests {
    @Test("a signal sent while nobody waits is remembered once")
    func rememberedSignal() async {
        let wakeup = DeploymentWakeup()
        wakeup.signal()
        wakeup.signal()
        // Returns although the bound is an hour: the pending signal is consumed (a lost signal
        // would hang the test).
        await wakeup.wait(upTo: .seconds(3600))
        // The two signals coalesced into one: a second wait ends only by its bound, which a
        // separate signal then cannot shorten retroactively, so it reports a timeout.
        let woken = Task { await wakeup.wait(upTo: .milliseconds(1)) }
        await woken.value
        #expect(!woken.isCancelled)
    }

    @Test("a signal wakes a waiter, and cancellation ends the wait")
    func wakesWaiter() async {
        let wakeup = DeploymentWakeup()
        async let waited: Void = wakeup.wait(upTo: .seconds(3600))
        try? await Task.sleep(for: .milliseconds(20))
        wakeup.signal()
        await waited
        let task = Task { await wakeup.wait(upTo: .seconds(3600)) }
        task.cancel()
        await task.value
        #expect(task.isCancelled)
    }
}
