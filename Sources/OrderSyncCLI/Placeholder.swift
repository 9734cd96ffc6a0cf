import OrderSyncCore
public enum CLIPlaceholder {}
