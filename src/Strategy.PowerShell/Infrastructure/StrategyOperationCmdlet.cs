using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using Newtonsoft.Json.Linq;
using Strategy.Generated;

namespace Strategy.PowerShell;

/// <summary>
/// The one runner of the cmdlets made from the spec's operations (each declares only its name and
/// parameters): checks the values against the spec before anything is sent, asks before a change
/// (<c>-WhatIf</c>, <c>-Confirm</c>), calls the operation through the connection, and writes the answer
/// as objects: a list's items one by one, an object as one object with the answer's fields.
/// </summary>
public abstract class StrategyOperationCmdlet : StrategyCmdlet
{
    private static readonly Dictionary<string, StrategyOperation> Operations =
        StrategyOperations.All.ToDictionary(o => o.OperationId, StringComparer.Ordinal);

    /// <summary>The operation the cmdlet calls (its operationId).</summary>
    protected abstract string OperationId { get; }

    /// <summary>The values given, by the spec's parameter names; <see langword="null"/> for one not given.</summary>
    protected abstract IEnumerable<KeyValuePair<string, object?>> Values { get; }

    /// <summary>
    /// The type names each object written carries (<c>PSTypeNames</c>), most specific first: the answer's
    /// schema as the library names its model, and the operation's own name when the spec marks the columns
    /// of its table (the module's format view for them is written by the build).
    /// </summary>
    protected abstract string[] ItemTypeNames { get; }

    /// <summary>The body given (-Body), for an operation that takes one.</summary>
    protected virtual object? BodyValue => null;

    /// <summary>The body's field parameters, by the field's name: set on top of the body (<c>null</c> when not given).</summary>
    protected virtual IEnumerable<KeyValuePair<string, object?>> BodyFieldValues => [];

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var operation = Operations[OperationId];
        var request = Argument(() => new StrategyOperationRequest(operation, Texts(Values), BodyText(BodyValue), Texts(BodyFieldValues)));
        if (operation.Method is not ("GET" or "HEAD") && !ShouldProcess(operation.Method + " " + request.RelativeUrl, operation.OperationId))
        {
            return;
        }

        var server = Server;
        if (operation.Pages is not null)
        {
            // Every page, each read as the pipeline takes the items before it; a list that shrinks meanwhile ends.
            RunEach(token => Objects(request.ReadPagesAsync(server.Connection.HttpClient, server.ProjectId, cancellationToken: token), ItemTypeNames));
            return;
        }

        var answer = Run(token => request.SendAsync(server.Connection.HttpClient, server.ProjectId, token));
        if (answer.Json is null)
        {
            WriteVerbose($"{operation.OperationId} answered {answer.Status} without a body.");
            return;
        }

        foreach (var item in Items(answer.Json))
        {
            WriteObject(Typed(ToObject(item), ItemTypeNames));
        }

        if (answer.Status is 207 or >= 400)
        {
            // The server did part of the work, or none of it (an error the spec says carries each item's outcome, written above).
            WriteError(new ErrorRecord(
                new InvalidOperationException($"{operation.OperationId} answered {answer.Status}: the server did {(answer.Status == 207 ? "part" : "none")} of it; each item's status is in the output."),
                operation.OperationId + "Partial",
                ErrorCategory.InvalidResult,
                request.RelativeUrl));
        }
    }

    private static async IAsyncEnumerable<object> Objects(IAsyncEnumerable<JToken> items, string[] typeNames)
    {
        await foreach (var item in items.ConfigureAwait(false))
        {
            if (Typed(ToObject(item), typeNames) is { } value)
            {
                yield return value;
            }
        }
    }

    /// <summary>An item with the type names that select its view; every field the server sent stays on it.</summary>
    private static object? Typed(object? item, string[] typeNames)
    {
        if (item is PSObject typed)
        {
            for (var i = typeNames.Length - 1; i >= 0; i--)
            {
                typed.TypeNames.Insert(0, typeNames[i]);
            }
        }

        return item;
    }

    /// <summary>The values as the request takes them: text, invariant, several for an array (a secret's value as the text it holds, for the body alone: the request masks it wherever it is shown).</summary>
    private static Dictionary<string, IReadOnlyList<string>> Texts(IEnumerable<KeyValuePair<string, object?>> values)
    {
        var texts = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            if (value is not null)
            {
                texts[name] = value is IEnumerable many and not string ? [.. many.Cast<object?>().Where(v => v is not null).Select(v => Text(v!))] : [Text(value)];
            }
        }

        return texts;
    }

    private static string Text(object value) => value switch
    {
        bool flag => flag ? "true" : "false",
        SecureString secret => Reveal(secret),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>
    /// The body as JSON: text as it is; a hashtable or an object by its fields, a SecureString's value as
    /// the text it holds. A secret given as plain text is refused: a script's text keeps it.
    /// </summary>
    private static string? BodyText(object? body)
    {
        var value = body is PSObject wrapped ? wrapped.BaseObject : body;
        if (value is null)
        {
            return null;
        }

        if (value is string text)
        {
            return StrategyOperationRequest.CarriesSecret(text)
                ? throw new ArgumentException("-Body holds a secret (a password, token or key) as plain text: give the body as a hashtable with the secret's value as a SecureString, such as @{ password = (Get-Credential).Password }. Nothing was sent.")
                : text;
        }

        var json = ToJson(body);
        return json.ToString(Newtonsoft.Json.Formatting.None);
    }

    private static JToken ToJson(object? value, string? name = null)
    {
        var unwrapped = value is PSObject { BaseObject: not PSCustomObject } wrapped ? wrapped.BaseObject : value;
        switch (unwrapped)
        {
            case null:
                return JValue.CreateNull();
            case SecureString secure:
                return new JValue(Reveal(secure));
            case string when name is not null && StrategyOperationRequest.IsSecret(name):
                throw new ArgumentException($"-Body's '{name}' is a secret given as plain text: give its value as a SecureString, such as (Get-Credential).Password. Nothing was sent.");
            case string or bool or char or DateTime or DateTimeOffset or Guid:
            case sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal:
                return new JValue(unwrapped);
            case IDictionary dictionary:
                var fields = new JObject();
                foreach (DictionaryEntry entry in dictionary)
                {
                    var key = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
                    fields[key] = ToJson(entry.Value, key);
                }

                return fields;
            case PSObject custom:
                var properties = new JObject();
                foreach (var property in custom.Properties)
                {
                    properties[property.Name] = ToJson(property.Value, property.Name);
                }

                return properties;
            case IEnumerable items:
                return new JArray(items.Cast<object?>().Select(item => ToJson(item)));
            default:
                return JToken.FromObject(unwrapped);
        }
    }

    private static string Reveal(SecureString secure)
    {
        var pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
        try
        {
            return Marshal.PtrToStringUni(pointer) ?? string.Empty;
        }
        finally
        {
            Marshal.ZeroFreeGlobalAllocUnicode(pointer);
        }
    }

    /// <summary>What goes on the pipeline: a list's items (a page's one list of objects), else the answer itself.</summary>
    private static JArray Items(JToken answer) => StrategyOperationAnswer.ListIn(answer) ?? new JArray(answer);

    /// <summary>An answer as PowerShell shows it: an object with the answer's fields (nested alike), a list as an array, a value as itself.</summary>
    private static object? ToObject(JToken token) => token switch
    {
        JObject fields => Custom(fields),
        JArray list => list.Select(ToObject).ToArray(),
        JValue value => value.Value,
        _ => token.ToString(),
    };

    private static PSObject Custom(JObject fields)
    {
        var result = new PSObject();
        foreach (var property in fields.Properties())
        {
            result.Properties.Add(new PSNoteProperty(property.Name, ToObject(property.Value)));
        }

        return result;
    }
}
