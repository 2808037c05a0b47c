using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Strategy.Generated.Tests.Contract;

/// <summary>
/// Values the official client and the REST docs use that the spec once lacked: each reads into its
/// typed member and writes back as the server spells it.
/// </summary>
public sealed class OfficialClientValueTests
{
    [Test]
    public void A_recipient_the_server_cannot_describe_reads_as_unsupported()
    {
        var recipient = JsonConvert.DeserializeObject<Recipient>("""{"id":"54F3D26011D2896560009A8E67019608","type":"unsupported"}""", StrategyJson.ReadingSettings)!;

        Assert.Multiple(() =>
        {
            Assert.That(recipient.Type, Is.EqualTo(RecipientType.Unsupported), "the official client's RecipientsTypes has UNSUPPORTED");
            Assert.That(StrategyJson.TryGetUnrecognizedValue(recipient, "type", out _), Is.False, "a known value, not kept aside as unknown");
        });
    }

    [Test]
    public void A_pdf_export_can_ask_for_the_orientation_the_docs_samples_send()
    {
        var body = JObject.Parse(JsonConvert.SerializeObject(new DocumentPdfOptions { Orientation = PdfOrientation.Auto }, StrategyJson.Settings));

        Assert.That((string?)body["orientation"], Is.EqualTo("AUTO"), "the REST docs' export-to-pdf request sends AUTO");
    }
}
