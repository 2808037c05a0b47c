namespace Strategy.Generated;

/// <summary>How an operation lists items a page at a time (the spec's <c>x-strategy-pages</c>): where a page's items and the total are, and the parameters that move through the pages.</summary>
public sealed class StrategyOperationPages
{
    /// <summary>Keeps what the spec declares.</summary>
    /// <param name="items">The answer's field that holds a page's items.</param>
    /// <param name="total">The answer's field with the total count, or <see langword="null"/>.</param>
    /// <param name="totalHeader">The answer's header with the total count, or <see langword="null"/>.</param>
    /// <param name="offset">The parameter that says where a page starts.</param>
    /// <param name="limit">The parameter that says how many items a page holds.</param>
    public StrategyOperationPages(string items, string? total, string? totalHeader, string offset, string limit)
    {
        Items = items;
        Total = total;
        TotalHeader = totalHeader;
        Offset = offset;
        Limit = limit;
    }

    /// <summary>The answer's field that holds a page's items.</summary>
    public string Items { get; }

    /// <summary>The answer's field with the total count, or <see langword="null"/>.</summary>
    public string? Total { get; }

    /// <summary>The answer's header with the total count, or <see langword="null"/>.</summary>
    public string? TotalHeader { get; }

    /// <summary>The parameter that says where a page starts.</summary>
    public string Offset { get; }

    /// <summary>The parameter that says how many items a page holds.</summary>
    public string Limit { get; }

    /// <summary>
    /// For items that are one-key objects keyed by an id (<c>{"&lt;id&gt;": {…}}</c>, as content caches are
    /// listed): the field the key becomes when an item is read flat; <see langword="null"/> for plain items.
    /// </summary>
    public string? KeyedBy { get; init; }
}
