namespace Strategy.PowerShell;

/// <summary>
/// The table a cmdlet made from the spec shows its items in: the type name its items carry and the
/// columns the spec marks (<c>x-strategy-columns</c>). The module's build reads it from the compiled
/// cmdlets and writes the format view (Strategy.PowerShell.Views.format.ps1xml), so no view is written by hand.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class StrategyTableViewAttribute : Attribute
{
    /// <summary>Keeps the view's type name and columns.</summary>
    /// <param name="typeName">The type name the items carry first (<c>PSTypeNames</c>), which selects the view.</param>
    /// <param name="columns">The items' fields the table shows, in order, as the answer names them.</param>
    public StrategyTableViewAttribute(string typeName, params string[] columns)
    {
        TypeName = typeName;
        Columns = columns;
    }

    /// <summary>The type name the items carry first, which selects the view.</summary>
    public string TypeName { get; }

    /// <summary>The items' fields the table shows, in order.</summary>
    public IReadOnlyList<string> Columns { get; }
}
