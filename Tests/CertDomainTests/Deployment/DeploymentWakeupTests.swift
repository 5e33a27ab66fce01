import CertDomain
import Testing

@Suite("DeploymentWakeup: the runner's coalescing signal")
struct DeploymentWakeupTests {
    @Test("a signal sent while nobody waits is remembered once; without one the wait ends by its bound")
    func rememberedSignal() async {
        let wakeup = DeploymentWakeup()
        wakeup.signal()
        wakeup.signal()
        #expect(await wakeup.wait(upTo: .seconds(3600)), "the pending signal ends the wait")
        #expect(await wakeup.wait(upTo: .milliseconds(1)) == false, "two signals coalesced into one")
    }

    @Test("a signal wakes a waiter; cancellation ends a wait unsignalled")
    func wakesWaiter() async {
        let wakeup = DeploymentWakeup()
        let waiter = Task { await wakeup.wait(upTo: .seconds(3600)) }
        // Whether it lands before or during the wait, the signal ends it (pending or woken).
        wakeup.signal()
        #expect(await waiter.value)
        let cancelled = Task { await wakeup.wait(upTo: .seconds(3600)) }
        cancelled.cancel()
        #expect(await cancelled.value == false)
    }

}
