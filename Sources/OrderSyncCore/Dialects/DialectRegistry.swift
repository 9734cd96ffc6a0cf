import PlatformSupport

/// Every dialect the daemon speaks. Adding a provider is a folder beside this file and one line here.
public enum DialectRegistry {
    /// The dialects the product ships.
    public static let builtIn: [any DialectAdapter.Type] = [
        ERPAdapter.self,
        LifecycleAdapter.self,
        MobilityAdapter.self,
        ResellerAdapter.self,
        FormationsAdapter.self,
    ]

    /// Dialects added at process start by `register(_:)` (a test binary's own dialect).
    private static let registered = LockedBox<[any DialectAdapter.Type]>([])

    /// The built-in dialects, then the registered ones.
    public static var all: [any DialectAdapter.Type] {
        builtIn + registered.current
    }

    /// Adds a dialect defined outside this module. Call it before anything reads the registry
    /// (configuration loading, a sync): a process's dialects must not change while it runs.
    /// Registering a name twice is a no-op, so a test helper may call it more than once.
    public static func register(_ adapter: any DialectAdapter.Type) {
        registered.withValue { list in
            guard !builtIn.contains(where: { $0.name == adapter.name }),
                  !list.contains(where: { $0.name == adapter.name }) else { return }
            list.append(adapter)
        }
    }

    public static func adapter(named name: String) -> (any DialectAdapter.Type)? {
        all.first { $0.name == name }
    }

    /// What the configuration loader needs to know of each dialect.
    public static var requirements: [DialectRequirements] {
        all.map { adapter in
            DialectRequirements(name: adapter.name, auth: adapter.authKind, options: adapter.optionDeclarations,
                                ignoredSettings: adapter.ignoredSettings,
                                sourceCheck: { source throws(ConfigError) in _ = try adapter.init(source: source) })
        }
    }

    /// The adapter for the configured source at `index` in `sources`; errors carry its key path.
    public static func makeAdapter(for source: SourceConfiguration, index: Int) throws(ConfigError) -> any DialectAdapter {
        let prefix = "sources[\(index)]"
        guard let type = adapter(named: source.dialect) else {
            throw ConfigError(path: "\(prefix).dialect", message: "unknown dialect \"\(source.dialect)\"")
        }
        do {
            return try type.init(source: source)
        } catch {
            throw ConfigError(path: error.path.isEmpty ? prefix : "\(prefix).\(error.path)", message: error.message)
        }
    }
}
