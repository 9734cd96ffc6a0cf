public enum OrderSyncCoreVersion { public static let string = "0.1.0" }
