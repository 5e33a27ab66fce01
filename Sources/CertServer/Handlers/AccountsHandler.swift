import CertAPI
import CertDomain
import CertWire

/// Answers the Accounts service by calling ``AccountDirectory``.
///
/// Role: wire requests in, domain calls, wire responses out; the rules (who may see or change
/// which account) live in the domain, except "admins only" for minting credentials, checked here
/// before any key is generated.
/// Invariants: every call is authenticated through ``DomainGateway``.
/// Isolation: an immutable value; concurrency is the domain actor's business.
struct AccountsHandler: AccountsService.Handler {
    /// Authentication, domain access and error mapping.
    let gateway: DomainGateway
    /// Mints client certificates for IssueCredentials.
    let credentialIssuer: any CredentialIssuer

    /// Default page size of ListAccounts.
    static let defaultPageSize = 100
    /// Default and largest validity of minted client certificates, in days.
    static let defaultValidityDays = 365
    static let maximumValidityDays = 3650

    func createAccount(_ request: CreateAccountRequest, context: CallContext) async throws -> CertAPI.Account {
        try await self.gateway.call(context, AccountsService.Method.createAccount) { caller in
            guard let site = try CertDomain.Account.Site.from(wire: request.site) else {
                throw DomainError.invalidArgument(field: "site", detail: "required: china or international")
            }
            let account = NewAccount(
                id: request.id,
                displayName: request.displayName,
                verifiedIdentity: try VerifiedIdentity(wire: request.identity),
                site: site,
                role: try CertDomain.Account.Role.from(wire: request.role) ?? .user
            )
            return try await self.gateway.accounts.createAccount(caller, account).wire
        }
    }

    func getAccount(_ request: GetAccountRequest, context: CallContext) async throws -> CertAPI.Account {
        try await self.gateway.call(context, AccountsService.Method.getAccount) { caller in
            try self.gateway.accounts.account(caller, id: AccountID(rawValue: request.id)).wire
        }
    }

    func listAccounts(_ request: ListAccountsRequest, context: CallContext) async throws -> ListAccountsResponse {
        try await self.gateway.call(context, AccountsService.Method.listAccounts) { caller in
            let limit = request.limit == 0 ? Self.defaultPageSize : Int(request.limit)
            let after = request.pageToken.isEmpty ? nil : AccountID(rawValue: request.pageToken)
            let accounts = try self.gateway.accounts.listAccounts(caller, after: after, limit: limit)
            // A full page may have a successor; the token is the last id (ids are the sort key).
            let next = accounts.count >= min(limit, 1000) ? accounts.last?.id.rawValue ?? "" : ""
            return ListAccountsResponse(accounts: accounts.map(\.wire), nextPageToken: next)
        }
    }

    func updateAccount(_ request: UpdateAccountRequest, context: CallContext) async throws -> CertAPI.Account {
        try await self.gateway.call(context, AccountsService.Method.updateAccount) { caller in
            let update = AccountUpdate(
                displayName: request.displayName,
                verifiedIdentity: try request.identity.map { identity throws(DomainError) in
                    try VerifiedIdentity(wire: identity)
                },
                site: try request.site.flatMap { site throws(DomainError) in
                    try CertDomain.Account.Site.from(wire: site)
                },
                role: try request.role.flatMap { role throws(DomainError) in
                    try CertDomain.Account.Role.from(wire: role)
                }
            )
            return try await self.gateway.accounts.updateAccount(caller, id: AccountID(rawValue: request.id), update)
                .wire
        }
    }

    func issueCredentials(_ request: IssueCredentialsRequest, context: CallContext) async throws -> Credentials {
        try await self.gateway.call(context, AccountsService.Method.issueCredentials) { caller in
            // Refuse before generating a key; the domain re-checks when binding.
            guard caller.isAdmin else { throw DomainError.permissionDenied }
            let accountID = AccountID(rawValue: request.accountID)
            _ = try self.gateway.accounts.account(caller, id: accountID)
            let days = request.validityDays == 0 ? Self.defaultValidityDays : Int(request.validityDays)
            guard days <= Self.maximumValidityDays else {
                throw DomainError.invalidArgument(
                    field: "validityDays", detail: "at most \(Self.maximumValidityDays) days")
            }
            let issued = try await self.credentialIssuer.issueClientCredentials(
                accountID: accountID.rawValue, validityDays: days)
            _ = try await self.gateway.accounts.bindClientCertificate(
                caller, accountID: accountID, fingerprint: issued.fingerprintSHA256)
            return Credentials(
                accountID: accountID.rawValue,
                certificatePEM: issued.certificatePEM,
                privateKeyPEM: issued.privateKeyPEM,
                caCertificatePEM: issued.caCertificatePEM,
                fingerprintSHA256: issued.fingerprintSHA256
            )
        }
    }

    func whoAmI(_ request: WhoAmIRequest, context: CallContext) async throws -> CertAPI.Account {
        try await self.gateway.call(context, AccountsService.Method.whoAmI) { caller in
            try self.gateway.accounts.account(caller, id: caller.accountID).wire
        }
    }
}
