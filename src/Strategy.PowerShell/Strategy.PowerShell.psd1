@{
    # A binary module over the Strategy.Generated client library (netstandard2.0): one build for
    # Windows PowerShell 5.1 and PowerShell 7.
    RootModule           = 'Strategy.PowerShell.dll'
    ModuleVersion        = '0.2.0'
    GUID                 = '5b1f0c8e-7d3a-4f62-9a41-2c6e8b9d0f17'
    Author               = 'Strategy.Generated contributors'
    CompanyName          = 'Strategy.Generated'
    Copyright            = '(c) Strategy.Generated contributors. MIT License.'
    Description          = 'Cmdlets for the Strategy (MicroStrategy) Library REST API: log in, reload the schema, publish data models, manage refresh subscriptions, run them now and fire the events their schedules wait on.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @('Strategy.PowerShell.format.ps1xml')
    CmdletsToExport      = @(
        'Connect-StrategyServer',
        'Disconnect-StrategyServer',
        'Invoke-StrategySchemaReload',
        'Get-StrategyDataModelTable',
        'Publish-StrategyDataModel',
        'Get-StrategySubscription',
        'New-StrategyRefreshSubscription',
        'Set-StrategySubscription',
        'Remove-StrategySubscription',
        'Start-StrategySubscription',
        'Get-StrategySubscriptionRun',
        'Get-StrategySchedule',
        'Get-StrategyEvent',
        'Invoke-StrategyEvent'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Strategy', 'MicroStrategy', 'BI', 'REST', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://opensource.org/licenses/MIT'
        }
    }
}
