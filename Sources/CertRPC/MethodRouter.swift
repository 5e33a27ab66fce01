import CertWire

/// Maps method ids to the service that answers them.
///
/// Role: built once from the services an ``RPCServer`` is given; read by every connection.
/// Invariant: each method id belongs to exactly one service (a duplicate is a programmer error).
/// Isolation: immutable, `Sendable`.
struct MethodRouter: Sendable {
    private var services: [UInt32: any RPCService] = [:]
    private var names: [UInt32: String] = [:]

    init(services: [any RPCService]) {
        for service in services {
            for method in service.methods {
                precondition(
                    self.services[method.id] == nil, "method id \(method.id) (\(method.name)) registered twice")
                self.services[method.id] = service
                self.names[method.id] = method.name
            }
        }
    }

    func service(for methodID: UInt32) -> (any RPCService)? {
        self.services[methodID]
    }

    func name(of methodID: UInt32) -> String {
        self.names[methodID] ?? "unknown(\(methodID))"
    }
}
