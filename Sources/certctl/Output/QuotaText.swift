import CertAPI

/// Output of a quota.
enum QuotaText {
    static func print(_ quota: NotificationQuota, asJSON: Bool) {
        if asJSON {
            try? Console.printJSON(QuotaJSON(quota))
            return
        }
        var block = KeyValueBlock()
        block.add("account", quota.accountId)
        block.add("units", String(quota.units))
        block.add("used", String(quota.used))
        block.add("remaining", String(quota.remaining))
        block.add("required", String(quota.required))
        Console.print(block.render())
    }
}
