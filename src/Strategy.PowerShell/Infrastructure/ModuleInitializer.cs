using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Strategy.PowerShell;

/// <summary>
/// On Windows PowerShell 5.1 (.NET Framework), an assembly the module's dependencies ask for in
/// another version than the one in the module folder (System.Memory, System.Runtime.CompilerServices.Unsafe…)
/// fails to load: powershell.exe has no binding redirects for them. So a request that the normal
/// binding cannot satisfy is answered from the module folder when it holds that assembly.
/// PowerShell 7 loads them itself; there nothing is registered.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer
{
    private static readonly string ModuleFolder = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? string.Empty;
    private static int _registered;

    /// <inheritdoc />
    public void OnImport()
    {
        if (RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal)
            && Interlocked.Exchange(ref _registered, 1) == 0)
        {
            AppDomain.CurrentDomain.AssemblyResolve += (_, e) => FromModuleFolder(e.Name);
        }
    }

    /// <summary>The module folder's copy of the assembly named (any version), or <see langword="null"/> when it has none.</summary>
    internal static Assembly? FromModuleFolder(string requestedName)
    {
        var path = PathInModuleFolder(requestedName);
        return path is null ? null : Assembly.LoadFrom(path);
    }

    /// <summary>Where the module folder holds the assembly named, or <see langword="null"/>.</summary>
    internal static string? PathInModuleFolder(string requestedName)
    {
        var name = new AssemblyName(requestedName).Name;
        var path = Path.Combine(ModuleFolder, name + ".dll");
        return name is { Length: > 0 } && File.Exists(path) ? path : null;
    }
}
