public import Foundation

/// Expiry notifications: per-account settings and quota, per-certificate switches, and what the
/// scheduler must send now.
///
/// Role: the domain side of issue 7's notifications and pending tasks. Settings, quota, switches,
/// delivery records and snoozes live in documents (see `NotificationRecords.swift`); every change is
/// written together with its audit event in one write body, so a refused change leaves nothing.
/// Invariants: an account never has more certificates switched on than quota units (switching on
/// is all or nothing, checked and written in one transaction); a notice (certificate, lead time,
/// channel) is sent at most once per repeat interval, counted from its last successful send; after
/// k consecutive failures it is not tried again before `retryBaseDelay * 2^(k-1)` (capped) has
/// passed; only admins add quota.
/// Isolation: an actor without mutable state of its own (the store holds it); reads are
/// `nonisolated` and run on snapshots; deliveries run in child tasks off the actor and report back
/// to the isolated loop that records them.
public actor ExpiryNotifications {
    /// Delivery attempts per notice and repeat interval before the scheduler gives up until the
    /// next interval.
    public static let maximumAttempts = 5
    /// How long ``snoozeTasks(_:)`` silences the reminder.
    public static let snoozeDuration: TimeInterval = 7 * 86_400
    /// Seconds before retrying a notice after its first failure; each further consecutive failure
    /// doubles the wait (up to ``retryMaximumDelay``), so a receiver that is down is not hammered on
    /// every scheduler tick.
    public static let retryBaseDelay: TimeInterval = 60
    /// Upper bound of the wait between two failed attempts of one notice.
    public static let retryMaximumDelay: TimeInterval = 3_600
    /// Deliveries in flight at once by default, so one receiver that hangs until its timeout does
    /// not hold up every other account's notices, while a large backlog cannot open unbounded
    /// connections.
    public static let defaultDeliveryConcurrency = 8

    let domainStore: DomainStore
    let renewer: (any CertificateRenewing)?
    /// At most this many ``ExpiryNoticeDelivering/deliver(_:)`` calls run at once (>= 1).
    public nonisolated let deliveryConcurrency: Int

    /// - Parameters:
    ///   - store: the inventory store.
    ///   - clock: the wall clock (due notices, retry backoff, snoozes, audit times).
    ///   - renewer: re-issues official and private-CA certificates for ``renew(_:ids:)``; nil when
    ///     this server has no issuer wired.
    ///   - deliveryConcurrency: deliveries in flight at once in ``runDueNotices(deliverer:)`` (>= 1).
    public init(
        store: any InventoryStore, clock: any WallClock, renewer: (any CertificateRenewing)? = nil,
        deliveryConcurrency: Int = ExpiryNotifications.defaultDeliveryConcurrency
    ) {
        precondition(deliveryConcurrency >= 1, "deliveryConcurrency must be at least 1")
        self.domainStore = DomainStore(store: store, clock: clock)
        self.renewer = renewer
        self.deliveryConcurrency = deliveryConcurrency
    }

    /// The injected clock's now.
    public nonisolated func now() -> Date { self.domainStore.clock.now() }

    // MARK: Settings

    /// The caller's settings (defaults when never set).
    public nonisolated func settings(_ caller: Caller) throws(DomainError) -> NotificationSettings {
        try self.domainStore.read { try Self.settings(of: caller.accountID, in: $0) }
    }

    /// Replaces the caller's settings.
    /// - Parameter settings: the new settings; zero values take the defaults.
    /// - Returns: the stored settings.
    /// - Throws: ``DomainError/invalidArgument(field:detail:)`` for a bad lead time, interval, URL or address.
    public func setSettings(_ caller: Caller, _ settings: NotificationSettings) async throws(DomainError)
        -> NotificationSettings
    {
        let time = self.now()
        return try await self.domainStore.audited(
            caller, .notificationSettingsUpdated, target: caller.accountID.rawValue
        ) { () async throws(DomainError) -> NotificationSettings in
            let valid = try settings.validated()
            return try await self.domainStore.write { writer in
                try writer.putEncodedDocument(valid, in: .notificationSettings, key: caller.accountID.rawValue)
                try AuditTrail.append(
                    to: writer, time: time, caller: caller, action: .notificationSettingsUpdated,
                    target: caller.accountID.rawValue,
                    details: [
                        "leadTimeDays": valid.leadTimeDays.map(String.init).joined(separator: ","),
                        "repeatIntervalSeconds": String(Int(valid.repeatInterval)),
                        "channels": valid.channels.map(\.rawValue).joined(separator: ","),
                    ])
                return valid
            }
        }
    }

    // MARK: Quota and switches

    /// A quota: the caller's own, or (admins only) another account's.
    /// - Throws: ``DomainError/permissionDenied`` for a user asking about another account,
    ///   ``DomainError/accountNotFound(id:)``.
    public nonisolated func quota(_ caller: Caller, account: AccountID? = nil) throws(DomainError)
        -> NotificationQuota
    {
        let account = account ?? caller.accountID
        guard account == caller.accountID || caller.isAdmin else { throw .permissionDenied }
        let now = self.now()
        return try self.domainStore.read { reader in
            guard try reader.account(id: account) != nil else { throw DomainError.accountNotFound(id: account) }
            return try Self.quota(of: account, in: reader, now: now)
        }
    }

    /// Adds units to an account's quota (admin only).
    /// - Parameters:
    ///   - account: whose quota grows.
    ///   - units: 1...1_000_000.
    /// - Returns: the quota afterwards.
    /// - Throws: ``DomainError/permissionDenied``, ``DomainError/accountNotFound(id:)``,
    ///   ``DomainError/invalidArgument(field:detail:)``.
    public func addQuota(_ caller: Caller, account: AccountID, units: Int) async throws(DomainError)
        -> NotificationQuota
    {
        let time = self.now()
        return try await self.domainStore.audited(caller, .notificationQuotaAdded, target: account.rawValue) {
            () async throws(DomainError) -> NotificationQuota in
            guard (1...1_000_000).contains(units) else {
                throw .invalidArgument(field: "units", detail: "must be from 1 to 1000000")
            }
            return try await self.domainStore.write { writer in
                // Re-read the caller inside the transaction: a demoted admin cannot grant quota.
                guard let admin = try writer.account(id: caller.accountID), admin.role == .admin else {
                    throw DomainError.permissionDenied
                }
                guard try writer.account(id: account) != nil else { throw DomainError.accountNotFound(id: account) }
                var record =
                    try writer.decodedDocument(QuotaRecord.self, in: .notificationQuota, key: account.rawValue)
                    ?? QuotaRecord(units: 0)
                guard record.units + units <= 1_000_000_000 else {
                    throw DomainError.invalidArgument(field: "units", detail: "the quota would exceed 1000000000")
                }
                record.units += units
                try writer.putEncodedDocument(record, in: .notificationQuota, key: account.rawValue)
                try AuditTrail.append(
                    to: writer, time: time, caller: caller, action: .notificationQuotaAdded, target: account.rawValue,
                    details: ["units": String(units), "total": String(record.units)])
                return try Self.quota(of: account, in: writer, now: time)
            }
        }
    }

    /// Turns notifications on or off for some of the caller's certificates, all or nothing.
    /// - Parameters:
    ///   - ids: the certificates (1...1000, each the caller's).
    ///   - enabled: on (one quota unit each) or off (frees the unit).
    /// - Returns: the ids whose switch changed and the quota afterwards.
    /// - Throws: ``DomainError/certificateNotFound(id:)``, ``DomainError/quotaExceeded(required:remaining:)``
    ///   when switching on needs more units than remain (nothing changes), ``DomainError/invalidArgument(field:detail:)``.
    public func setNotifications(_ caller: Caller, ids: [CertificateID], enabled: Bool) async throws(DomainError)
        -> (changed: [CertificateID], quota: NotificationQuota)
    {
        let time = self.now()
        let action: AuditAction = enabled ? .notificationsEnabled : .notificationsDisabled
        let target = ids.count == 1 ? ids[0].rawValue : ""
        return try await self.domainStore.audited(caller, action, target: target) {
            () async throws(DomainError) -> (changed: [CertificateID], quota: NotificationQuota) in
            guard (1...1000).contains(ids.count) else {
                throw .invalidArgument(field: "ids", detail: "name 1 to 1000 certificates")
            }
            return try await self.domainStore.write { writer in
                try Self.switchNotifications(
                    writer: writer, caller: caller, ids: ids, enabled: enabled, time: time, action: action)
            }
        }
    }

    /// The check-and-write of ``setNotifications(_:ids:enabled:)``, inside one write body.
    static func switchNotifications(
        writer: any InventoryWriter, caller: Caller, ids: [CertificateID], enabled: Bool, time: Date,
        action: AuditAction
    ) throws -> (changed: [CertificateID], quota: NotificationQuota) {
        let account = caller.accountID
        let switches = try writer.notificationSwitches(owner: account)
        var changed: [CertificateID] = []
        var seen = Set<CertificateID>()
        for id in ids where seen.insert(id).inserted {
            guard let entry = try writer.certificate(id: id), entry.ownerAccountID == account else {
                throw DomainError.certificateNotFound(id: id)
            }
            if switches.contains(id.rawValue) != enabled { changed.append(id) }
        }
        if enabled {
            let quota = try Self.quota(of: account, in: writer, now: time)
            guard changed.count <= quota.remaining else {
                throw DomainError.quotaExceeded(required: changed.count, remaining: quota.remaining)
            }
        }
        for id in changed {
            let key = "\(account.rawValue)/\(id.rawValue)"
            if enabled {
                try writer.putEncodedDocument(
                    SwitchRecord(certificateID: id.rawValue, enabledAt: time), in: .notificationSwitches, key: key)
            } else {
                try writer.deleteDocument(.notificationSwitches, key: key)
            }
        }
        if !changed.isEmpty {
            try AuditTrail.append(
                to: writer, time: time, caller: caller, action: action,
                target: changed.count == 1 ? changed[0].rawValue : "",
                details: ["ids": changed.map(\.rawValue).joined(separator: ","), "count": String(changed.count)])
        }
        return (changed, try Self.quota(of: account, in: writer, now: time))
    }

    // MARK: Scheduler

    /// Every notice that is due at the clock's now, over all accounts.
    ///
    /// A certificate with notifications on is due on a channel when it is within one of its
    /// account's lead times (the smallest such lead time names the notice) and that notice was not
    /// sent within the repeat interval, nor failed ``maximumAttempts`` times within it, nor is it
    /// waiting out its retry backoff after a failure (see ``DeliveryRecord/nextRetryAt``).
    public nonisolated func dueNotices() throws(DomainError) -> [ExpiryNotice] {
        let now = self.now()
        return try self.domainStore.read { reader in
            var notices: [ExpiryNotice] = []
            var settingsCache: [AccountID: NotificationSettings] = [:]
            var after: String?
            while true {
                let page = try reader.documents(.notificationSwitches, prefix: "", after: after, limit: 500)
                guard let last = page.last else { break }
                after = last.key
                for document in page {
                    guard let slash = document.key.firstIndex(of: "/") else { continue }
                    let account = AccountID(rawValue: String(document.key[..<slash]))
                    let id = CertificateID(rawValue: String(document.key[document.key.index(after: slash)...]))
                    guard let entry = try reader.certificate(id: id), entry.ownerAccountID == account else { continue }
                    let settings: NotificationSettings
                    if let cached = settingsCache[account] {
                        settings = cached
                    } else {
                        settings = try Self.settings(of: account, in: reader)
                        settingsCache[account] = settings
                    }
                    notices += try Self.dueNotices(for: entry, settings: settings, reader: reader, now: now)
                }
            }
            return notices
        }
    }

    static func dueNotices(
        for entry: CertificateEntry, settings: NotificationSettings, reader: any InventoryReader, now: Date
    ) throws -> [ExpiryNotice] {
        let secondsLeft = entry.details.notAfter.unixSeconds - now.unixSeconds
        guard let lead = settings.leadTimeDays.first(where: { secondsLeft <= Int64($0) * 86_400 }) else {
            return []
        }
        var notices: [ExpiryNotice] = []
        for channel in settings.channels {
            let notice = ExpiryNotice(
                accountID: entry.ownerAccountID, certificateID: entry.id, name: entry.name,
                commonName: entry.details.commonName ?? "", fingerprintSHA256: entry.details.fingerprintSHA256,
                notAfter: entry.details.notAfter,
                daysLeft: Int((Double(secondsLeft) / 86_400).rounded(.down)), leadTimeDays: lead,
                status: CertificateStatus(notAfter: entry.details.notAfter, now: now), channel: channel,
                destinations: channel == .webhook ? [settings.webhookURL] : settings.emailRecipients, dueAt: now)
            if let record = try reader.decodedDocument(
                DeliveryRecord.self, in: .notificationDeliveries, key: notice.deliveryKey),
                record.fingerprintSHA256 == entry.details.fingerprintSHA256
            {
                if let sent = record.lastSentAt, now < sent.addingTimeInterval(settings.repeatInterval) { continue }
                if record.failedAttempts >= Self.maximumAttempts, let tried = record.lastAttemptAt,
                    now < tried.addingTimeInterval(settings.repeatInterval)
                {
                    continue
                }
                if let retry = record.nextRetryAt, now < retry { continue }
            }
            notices.append(notice)
        }
        return notices
    }

    /// Records one delivery attempt and audits it (success or failure) in one write.
    /// - Parameters:
    ///   - notice: the notice that was sent or tried.
    ///   - error: nil when it was delivered; else what failed (audited, so no secrets).
    public func recordDelivery(_ notice: ExpiryNotice, error: String?) async throws(DomainError) {
        let time = self.now()
        let caller = Caller(accountID: notice.accountID, role: .user, requestID: "scheduler")
        try await self.domainStore.write { writer in
            var record =
                try writer.decodedDocument(DeliveryRecord.self, in: .notificationDeliveries, key: notice.deliveryKey)
                ?? DeliveryRecord(fingerprintSHA256: notice.fingerprintSHA256)
            if record.fingerprintSHA256 != notice.fingerprintSHA256 {
                record = DeliveryRecord(fingerprintSHA256: notice.fingerprintSHA256)
            }
            record.lastAttemptAt = time
            if let error {
                record.failedAttempts += 1
                record.lastError = String(error.prefix(500))
            } else {
                record.lastSentAt = time
                record.failedAttempts = 0
                record.lastError = ""
            }
            try writer.putEncodedDocument(record, in: .notificationDeliveries, key: notice.deliveryKey)
            var details = [
                "channel": notice.channel.rawValue, "leadTimeDays": String(notice.leadTimeDays),
                "daysLeft": String(notice.daysLeft), "name": notice.name,
            ]
            if let error { details["error"] = String(error.prefix(200)) }
            try AuditTrail.append(
                to: writer, time: time, caller: caller, action: .notificationSent,
                target: notice.certificateID.rawValue,
                outcome: error == nil ? .success : .failure(reason: "deliveryFailed"), details: details)
        }
    }

    /// Finds the due notices, delivers them through `deliverer` with at most
    /// ``deliveryConcurrency`` in flight, and records every attempt.
    ///
    /// Deliveries run in child tasks; their outcomes come back to this actor-isolated loop, which
    /// records each one through ``recordDelivery(_:error:)`` (one write per attempt, audited once)
    /// and counts it, so no state is shared across the awaits except this function's locals.
    /// - Parameter deliverer: the channels.
    /// - Returns: how many notices were delivered and how many failed.
    /// - Throws: ``DomainError`` when the store fails (delivery failures are recorded, not thrown);
    ///   the deliveries still in flight are then cancelled and not recorded.
    public func runDueNotices(deliverer: any ExpiryNoticeDelivering) async throws(DomainError)
        -> (delivered: Int, failed: Int)
    {
        let notices = try self.dueNotices()
        let limit = self.deliveryConcurrency
        let result = await withTaskGroup(of: DeliveryOutcome.self) {
            group -> Result<(delivered: Int, failed: Int), DomainError> in
            var pending = notices.makeIterator()
            var delivered = 0
            var failed = 0
            func startNext() -> Bool {
                guard !Task.isCancelled, let notice = pending.next() else { return false }
                group.addTask { await Self.deliver(notice, through: deliverer) }
                return true
            }
            // Fill the window; afterwards each completion starts the next notice.
            for _ in 0..<limit {
                guard startNext() else { break }
            }
            while let outcome = await group.next() {
                do throws(DomainError) {
                    switch outcome {
                    case .delivered(let notice):
                        try await self.recordDelivery(notice, error: nil)
                        delivered += 1
                    case .failed(let notice, let error):
                        try await self.recordDelivery(notice, error: error)
                        failed += 1
                    case .cancelled:
                        break
                    }
                } catch {
                    group.cancelAll()
                    return .failure(error)
                }
                _ = startNext()
            }
            return .success((delivered, failed))
        }
        return try result.get()
    }

    /// What one delivery child task reports back to ``runDueNotices(deliverer:)``.
    enum DeliveryOutcome: Sendable {
        case delivered(ExpiryNotice)
        /// The receiver failed; the text is audited.
        case failed(ExpiryNotice, error: String)
        /// Shutdown (or a store failure) cancelled it mid-flight: not the receiver's failure, so it
        /// is not recorded and the notice stays due.
        case cancelled
    }

    /// One delivery, off the actor.
    nonisolated static func deliver(_ notice: ExpiryNotice, through deliverer: any ExpiryNoticeDelivering) async
        -> DeliveryOutcome
    {
        if Task.isCancelled { return .cancelled }
        do {
            try await deliverer.deliver(notice)
            return .delivered(notice)
        } catch {
            if Task.isCancelled { return .cancelled }
            return .failed(notice, error: "\(error)")
        }
    }

    // MARK: Shared reads

    static func settings(of account: AccountID, in reader: any InventoryReader) throws -> NotificationSettings {
        try reader.decodedDocument(NotificationSettings.self, in: .notificationSettings, key: account.rawValue)
            ?? NotificationSettings()
    }

    static func quota(of account: AccountID, in reader: any InventoryReader, now: Date) throws -> NotificationQuota {
        let units =
            try reader.decodedDocument(QuotaRecord.self, in: .notificationQuota, key: account.rawValue)?.units ?? 0
        let switches = try reader.notificationSwitches(owner: account)
        let entries = try reader.allCertificates(owner: account, now: now)
        let used = entries.count { switches.contains($0.id.rawValue) }
        return NotificationQuota(accountID: account, units: units, used: used, required: entries.count - used)
    }
}
