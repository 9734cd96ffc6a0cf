import OrderSyncCLI
print("ordersync")
