/// Facts about this build.
public enum OrderSync {
    public static let version = "0.1.0"
}
