import Foundation
import Logging
import PilotStore
import ServiceLifecycle

/// Sends the mail queue through the SMTP relay (issue #17), in every server process that has
/// `SMEPILOT_SMTP_URL`: jobs are claimed under a lease, so two processes never send the same one
/// at once, and a job is marked sent only after the relay took it. A process that dies between
/// the relay's answer and the mark leaves the job to be sent again after its lease — with the same
/// Message-ID, so the receiving side can drop the copy.
struct MailSenderService: Service {
    let store: PilotStore
    let configuration: MailConfiguration
    let logger: Logger

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                _ = try await sendDue()
            } catch {
                logger.error("mail pass failed: \(String(reflecting: error))")
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: configuration.interval) }
        }
    }

    /// One pass: sends every job due now. Returns how many went out.
    /// Jobs claimed at a time: a short claim keeps the lease well ahead of the sends.
    static let batch = 20

    func sendDue() async throws -> Int {
        let client = SMTPClient(host: configuration.host, port: configuration.port)
        var sent = 0
        while true {
            let jobs = try await store.notifications.claimMail(limit: Self.batch)
            for job in jobs {
                do {
                    try await client.send(message(job))
                    try await store.notifications.mailSent(job)
                    sent += 1
                } catch let failure as SMTPClient.Failure {
                    // The address and the reason only: the message text stays out of the log.
                    logger.warning("mail not sent", metadata: ["job": "\(job.id)", "reason": "\(failure.description)"])
                    try await store.notifications.mailFailed(job, error: failure.description, permanent: failure.permanent)
                }
            }
            if jobs.count < Self.batch { return sent }
        }
    }

    func message(_ job: MailJob) -> MailMessage {
        let link = job.link.map { path in (configuration.publicURL ?? "") + path }
        let footer = link.map { job.language == .zh ? "\n\n查看：\($0)" : "\n\nOpen: \($0)" } ?? ""
        let signature =
            job.language == .zh
            ? "\n\n——\n本邮件由 SMEPilot 自动发送。退订或更改邮件提醒：登录后打开“消息”页的设置。"
            : "\n\n--\nSent by SMEPilot. To stop or change these mails, sign in and open the settings of the inbox."
        return MailMessage(
            from: configuration.from, to: job.address, subject: job.subject.text(job.language),
            body: job.body.text(job.language) + footer + signature, messageId: "\(job.notificationId)@smepilot",
            date: Date())
    }
}
