import Foundation

extension DeploymentBoard {
    /// Creates a deployment target for the caller.
    ///
    /// Checks: the name (as certificate names); product kinds carry `resourceID` and `region`
    /// (1-256 characters each); file targets a relative `directory` without `..`; command targets a
    /// `command` name (letters, digits, `.`, `_`, `-`); webhook targets an `http://` or `https://`
    /// `url`, and `https://` when they receive the key unless the host is loopback; a verification
    /// endpoint has a host and a port 1...65535; at most 32 settings.
    /// - Returns: the stored target.
    /// - Throws: ``DomainError/invalidArgument(field:detail:)``, ``DeploymentError/targetNameTaken(name:)``.
    public func createTarget(_ caller: Caller, _ request: NewDeploymentTarget) async throws(DomainError)
        -> DeploymentTarget
    {
        try await self.domainStore.audited(
            caller, .deploymentTargetCreated, target: "", details: ["name": request.name]
        ) { () async throws(DomainError) -> DeploymentTarget in
            let target = DeploymentTarget(
                id: .generate(), ownerAccountID: caller.accountID.rawValue,
                name: try EntryLabels.name(request.name),
                kind: request.kind, resourceID: request.resourceID, region: request.region,
                settings: request.settings,
                verifyEndpoint: request.verifyEndpoint,
                allowKey: request.allowKey ?? (request.kind != .webhook),
                createdAt: self.now())
            try Self.validate(target)
            let time = target.createdAt
            return try await self.domainStore.write { writer in
                let existing = try writer.decodedDocuments(
                    DeploymentTarget.self, in: .deploymentTargets, prefix: target.ownerAccountID + "/")
                if existing.contains(where: { $0.name == target.name }) {
                    throw DomainError.deployment(.targetNameTaken(name: target.name))
                }
                guard existing.count < 1000 else {
                    throw DomainError.invalidArgument(field: "targets", detail: "at most 1000 targets per account")
                }
                try writer.putEncodedDocument(
                    target, in: .deploymentTargets, key: Self.targetKey(owner: target.ownerAccountID, id: target.id))
                try AuditTrail.append(
                    to: writer, time: time, caller: caller, action: .deploymentTargetCreated,
                    target: target.id.rawValue, details: ["name": target.name, "kind": target.kind.rawValue])
                return target
            }
        }
    }

    /// Deletes one of the caller's targets and its deployed-certificate records. What was deployed
    /// stays where it is; jobs still naming the target fail that run with "target deleted".
    /// - Returns: the deleted target.
    /// - Throws: ``DeploymentError/targetNotFound(id:)``.
    @discardableResult
    public func deleteTarget(_ caller: Caller, id: DeploymentTargetID) async throws(DomainError) -> DeploymentTarget {
        let time = self.now()
        return try await self.domainStore.audited(caller, .deploymentTargetDeleted, target: id.rawValue) {
            () async throws(DomainError) -> DeploymentTarget in
            guard id.isWellFormed else { throw .deployment(.targetNotFound(id: id.rawValue)) }
            let key = Self.targetKey(owner: caller.accountID.rawValue, id: id)
            return try await self.domainStore.write { writer in
                guard let target = try writer.decodedDocument(DeploymentTarget.self, in: .deploymentTargets, key: key)
                else { throw DomainError.deployment(.targetNotFound(id: id.rawValue)) }
                try writer.deleteDocument(.deploymentTargets, key: key)
                for index in try writer.documents(.deployedByTarget, prefix: id.rawValue + "/", after: nil, limit: .max)
                {
                    let certificateID = String(index.key.dropFirst(id.rawValue.count + 1))
                    try writer.deleteDocument(
                        .deployedCertificates, key: Self.deployedKey(certificateID: certificateID, targetID: id))
                    try writer.deleteDocument(.deployedByTarget, key: index.key)
                }
                try AuditTrail.append(
                    to: writer, time: time, caller: caller, action: .deploymentTargetDeleted, target: id.rawValue,
                    details: ["name": target.name])
                return target
            }
        }
    }

    /// The shape rules of a target.
    static func validate(_ target: DeploymentTarget) throws(DomainError) {
        if target.kind.isProduct {
            for (field, value) in [("resourceID", target.resourceID), ("region", target.region)] {
                guard (1...256).contains(value.count), !value.contains(where: \.isNewline) else {
                    throw .invalidArgument(
                        field: field, detail: "required for \(target.kind.rawValue) targets: 1-256 characters")
                }
            }
        }
        guard target.settings.count <= 32,
            target.settings.allSatisfy({ (1...64).contains($0.key.count) && $0.value.count <= 2048 })
        else {
            throw .invalidArgument(field: "settings", detail: "at most 32, keys 1-64 and values up to 2048 characters")
        }
        switch target.kind {
        case .file:
            let directory = target.settings["directory"] ?? ""
            guard !directory.isEmpty, !directory.hasPrefix("/"),
                !directory.split(separator: "/").contains(where: { $0 == ".." }), !directory.contains("\0")
            else {
                throw .invalidArgument(
                    field: "settings.directory",
                    detail: "file targets need a directory relative to the operator's deployment root, without '..'")
            }
            for name in ["certificateFile", "chainFile", "keyFile", "fullChainFile"] {
                if let file = target.settings[name], file.isEmpty || file.contains("/") || file == ".." {
                    throw .invalidArgument(field: "settings.\(name)", detail: "a plain file name without '/'")
                }
            }
            for name in ["certificateMode", "keyMode"] {
                if let mode = target.settings[name], UInt16(mode, radix: 8).map({ $0 <= 0o777 }) != true {
                    throw .invalidArgument(field: "settings.\(name)", detail: "an octal mode such as 0644")
                }
            }
        case .command:
            let command = target.settings["command"] ?? ""
            guard (1...64).contains(command.utf8.count), command.utf8.allSatisfy({ IdentifierAlphabet.isAllowed($0) }),
                command != ".", command != ".."
            else {
                throw .invalidArgument(
                    field: "settings.command",
                    detail: "the name of a program in the operator's command directory (letters, digits, . _ -)")
            }
        case .webhook:
            let url = target.settings["url"] ?? ""
            guard url.hasPrefix("http://") || url.hasPrefix("https://"), URL(string: url)?.host != nil else {
                throw .invalidArgument(field: "settings.url", detail: "an http:// or https:// URL")
            }
            if target.allowKey && DeploymentTarget.isPlainRemoteWebhook(url) {
                throw .invalidArgument(
                    field: "settings.url",
                    detail: "this target receives the private key (allowKey), so its URL must be https:// "
                        + "(plain http:// is accepted only to 127.0.0.1, ::1 or localhost); use https:// or turn "
                        + "allowKey off")
            }
        case .slb, .cdn, .waf, .ecs, .simpleAppServer:
            break
        }
        if let endpoint = target.verifyEndpoint {
            guard !endpoint.host.isEmpty, endpoint.host.count <= 253, !endpoint.host.contains(" "),
                (1...65535).contains(endpoint.port), endpoint.serverName.count <= 253
            else {
                throw .invalidArgument(
                    field: "verifyEndpoint", detail: "host:port with a port 1-65535 (and an optional SNI name)")
            }
        }
    }
}
