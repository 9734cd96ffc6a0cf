// `LockedBox`, the one lock type of the daemon and the simulator, lives in PlatformSupport (on
// `Synchronization.Mutex`); re-exported so that Core's clients and tests see it as before.
@_exported import class PlatformSupport.LockedBox
