public import CertDomain
import Foundation
public import Logging
public import ServiceLifecycle

/// The long-running service that executes deployment jobs inside `certd serve`.
///
/// Role: on start it resumes runs a previous process left `running`, then loops: run everything
/// due, sleep until the next retry is due or the board signals a new job (at most 30 s, so a
/// clock change is noticed), until graceful shutdown.
/// Invariants: one runner per board; a run in progress at shutdown finishes its attempt or, if
/// the process dies, is resumed on the next start.
/// Isolation: a `Sendable` value; `run()` owns the loop's task.
public struct DeploymentRunnerService: Service {
    let board: DeploymentBoard
    let logger: Logger

    /// - Parameters:
    ///   - board: the deployment board whose jobs to run.
    ///   - logger: receives storage failures and a line per resumed run count.
    public init(board: DeploymentBoard, logger: Logger) {
        self.board = board
        self.logger = logger
    }

    public func run() async throws {
        do {
            let resumed = try await self.board.resumeInterrupted()
            if resumed > 0 { self.logger.notice("resuming interrupted deployments", metadata: ["runs": "\(resumed)"]) }
        } catch {
            self.logger.error(
                "cannot resume deployments", metadata: ["reason": "\((error as? DomainError)?.reason ?? "\(error)")"])
        }
        let board = self.board
        let logger = self.logger
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                var wait: Duration = .seconds(30)
                do {
                    if let next = try await board.runDueWork() {
                        let seconds = max(0, min(next.timeIntervalSince(board.now()), 30))
                        wait = .milliseconds(Int64(seconds * 1000))
                    }
                } catch {
                    logger.error(
                        "deployment runner failed a pass",
                        metadata: ["reason": "\((error as? DomainError)?.reason ?? "\(error)")"])
                    wait = .seconds(5)
                }
                // Sleeps until the next retry is due or a new job is created.
                await board.wakeup.wait(upTo: wait)
            }
        }
    }
}
