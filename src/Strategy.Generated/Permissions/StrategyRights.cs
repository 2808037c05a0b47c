namespace Strategy.Generated;

/// <summary>The rights an access control entry grants or denies, as the server's bit mask.</summary>
[Flags]
public enum StrategyRights
{
    /// <summary>No right.</summary>
    None = 0,

    /// <summary>See the object in a folder.</summary>
    Browse = 1,

    /// <summary>Use and execute (the older combined right).</summary>
    UseExecute = 2,

    /// <summary>Read its definition.</summary>
    Read = 4,

    /// <summary>Change it.</summary>
    Write = 8,

    /// <summary>Delete it.</summary>
    Delete = 16,

    /// <summary>Change its access control list and owner.</summary>
    Control = 32,

    /// <summary>Use it in another object.</summary>
    Use = 64,

    /// <summary>Run it.</summary>
    Execute = 128,

    /// <summary>Every right.</summary>
    Full = 255,
}
