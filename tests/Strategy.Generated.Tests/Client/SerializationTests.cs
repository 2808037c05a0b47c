using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Strategy.Generated.Tests.Support;

namespace Strategy.Generated.Tests.Client;

/// <summary>Answers from newer or quirky servers are read without crashing and without loss.</summary>
public sealed class SerializationTests
{
    public static IEnumerable<TestCaseData> EnumProperties() =>
        typeof(StrategyJson).Assembly.GetTypes()
            .Where(t => t.Namespace == "Strategy.Generated" && t.IsClass && t.GetConstructor(Type.EmptyTypes) is not null)
            .SelectMany(t => t.GetProperties().Select(p => (Type: t, Property: p)))
            .Where(x => (Nullable.GetUnderlyingType(x.Property.PropertyType) ?? x.Property.PropertyType).IsEnum
                        && x.Property.GetCustomAttributes(typeof(JsonPropertyAttribute), false).Length > 0)
            .Select(x => new TestCaseData(x.Type, x.Property.GetCustomAttributes(typeof(JsonPropertyAttribute), false).OfType<JsonPropertyAttribute>().Single().PropertyName)
                .SetArgDisplayNames(x.Type.Name + "." + x.Property.Name));

    [TestCaseSource(nameof(EnumProperties))]
    public void Every_enum_property_of_every_model_keeps_a_value_the_spec_does_not_list(Type model, string jsonName)
    {
        var property = model.GetProperties().Single(p => p.GetCustomAttributes(typeof(JsonPropertyAttribute), false).OfType<JsonPropertyAttribute>().SingleOrDefault()?.PropertyName == jsonName);
        var sentAsText = property.GetCustomAttributes(typeof(JsonConverterAttribute), false).Length > 0;
        JToken added = sentAsText ? "added_by_a_newer_server" : 32768;

        var read = JsonConvert.DeserializeObject(new JObject { [jsonName] = added }.ToString(), model, StrategyJson.ReadingSettings)!;
        var written = JObject.FromObject(read, JsonSerializer.Create(StrategyJson.ReadingSettings));

        Assert.Multiple(() =>
        {
            if (sentAsText)
            {
                Assert.That(StrategyJson.TryGetUnrecognizedValue(read, jsonName, out var kept) ? kept : null, Is.EqualTo("added_by_a_newer_server"));
            }

            // Numeric enums (loginMode) keep any number as the enum's value.
            Assert.That(JToken.DeepEquals(written[jsonName], added), Is.True, () => $"written back as {written[jsonName]}");
        });
    }

    [TestCase("""{"stage":2,"state":3}""", "2", "3", TestName = "An integer enum read as numbers")]
    [TestCase("""{"stage":"finished","state":"canceled"}""", "2", "3", TestName = "An integer enum read as names")]
    [TestCase("""{"stage":"FINISHED","state":"Canceled"}""", "2", "3", TestName = "An integer enum read as names in any case")]
    [TestCase("""{"stage":"2","state":"3"}""", "2", "3", TestName = "An integer enum read as numbers in strings")]
    [TestCase("""{"stage":2,"state":9}""", "2", "9", TestName = "An integer enum keeps a number the spec does not list")]
    [TestCase("""{"stage":2,"state":"exploded"}""", "2", "exploded", TestName = "An integer enum keeps a name the spec does not list")]
    public void Integer_enums_read_numbers_and_names_and_are_compared_as_numbers(string json, string stage, string state)
    {
        var status = JsonConvert.DeserializeObject<SubscriptionStatus>(json, StrategyJson.ReadingSettings)!;
        var written = JObject.FromObject(status, JsonSerializer.Create(StrategyJson.ReadingSettings));

        Assert.Multiple(() =>
        {
            // What the generated waits compare with the values the spec declares.
            Assert.That(StrategyEnums.ToWireName(status, "stage", (SubscriptionRunStage?)status.Stage), Is.EqualTo(stage));
            Assert.That(StrategyEnums.ToWireName(status, "state", (SubscriptionRunState?)status.State), Is.EqualTo(state));
            // Written as the server's numbers; a value it did not list, as it was sent.
            Assert.That(written["stage"]!.Type, Is.EqualTo(JTokenType.Integer));
            Assert.That((string?)written["state"], Is.EqualTo(state));
        });
    }

    [Test]
    public void An_unknown_enum_value_does_not_crash_and_is_kept()
    {
        var task = JsonConvert.DeserializeObject<ModelTask>(
            """{"id":"907CAAF6F0644A8DA2CBF9D3C4C1B12E","status":"paused"}""", StrategyJson.Settings)!;

        Assert.Multiple(() =>
        {
            Assert.That(StrategyJson.TryGetUnrecognizedValue(task, "status", out var raw), Is.True);
            Assert.That(raw, Is.EqualTo("paused"));
            Assert.That(StrategyJson.TryGetUnrecognizedValue(task, "id", out _), Is.False);
            Assert.That(Enum.IsDefined(task.Status), Is.False, "a required enum with an unknown value is no known member");
        });
    }

    [Test]
    public void An_unknown_enum_value_survives_a_read_modify_write_round_trip()
    {
        var json = Fixtures.Json("GetSubscription.200.json");
        json["delivery"]!["mode"] = "TEAMS_CHANNEL";
        json["schedules"]![0]!["type"] = "calendar_based";
        var subscription = JsonConvert.DeserializeObject<Subscription>(json.ToString(), StrategyJson.Settings)!;

        subscription.Name = "Renamed";
        var written = JObject.Parse(JsonConvert.SerializeObject(subscription, StrategyJson.Settings));

        Assert.Multiple(() =>
        {
            Assert.That((string?)written["name"], Is.EqualTo("Renamed"));
            Assert.That((string?)written["delivery"]!["mode"], Is.EqualTo("TEAMS_CHANNEL"));
            Assert.That((string?)written["schedules"]![0]!["type"], Is.EqualTo("calendar_based"));
            Assert.That(subscription.Schedules[0].Type, Is.Null, "an unknown value of an optional enum reads as null");
        });
    }

    [Test]
    public void Setting_a_known_value_replaces_the_unknown_one()
    {
        var delivery = JsonConvert.DeserializeObject<Delivery>("""{"mode":"TEAMS_CHANNEL"}""", StrategyJson.Settings)!;

        delivery.Mode = DeliveryMode.Email;
        var written = JObject.Parse(JsonConvert.SerializeObject(delivery, StrategyJson.Settings));

        Assert.That((string?)written["mode"], Is.EqualTo("EMAIL"));
    }

    [Test]
    public void Known_enum_values_are_written_by_their_wire_names()
    {
        var refresh = new TableRefresh { Id = "0D1436DF3004418086D8BD3FD985EC4A", RefreshPolicy = RefreshPolicy.Upsert };

        var written = JObject.Parse(JsonConvert.SerializeObject(refresh, StrategyJson.Settings));

        Assert.That((string?)written["refreshPolicy"], Is.EqualTo("upsert"));
    }

    [TestCase("2025-07-29T05:48:30+0000", 0)]
    [TestCase("2025-07-29T05:48:30+00:00", 0)]
    [TestCase("2025-07-29T07:48:30+0200", 2)]
    [TestCase("2025-07-29T05:48:30Z", 0)]
    public void Dates_with_or_without_a_colon_in_the_offset_parse_and_keep_the_offset(string date, int offsetHours)
    {
        var schedule = JsonConvert.DeserializeObject<SubscriptionSchedule>(
            $$"""{"id":"FF7BB3C811D501F0C00051916B98494F","nextDelivery":"{{date}}"}""", StrategyJson.Settings)!;

        Assert.Multiple(() =>
        {
            Assert.That(schedule.NextDelivery!.Value.UtcDateTime, Is.EqualTo(new DateTime(2025, 7, 29, 5, 48, 30, DateTimeKind.Utc)));
            Assert.That(schedule.NextDelivery!.Value.Offset, Is.EqualTo(TimeSpan.FromHours(offsetHours)));
        });
    }

    [Test]
    public void Dates_in_unmodelled_fields_are_kept_as_sent()
    {
        var task = JsonConvert.DeserializeObject<ModelTask>(
            """{"id":"907CAAF6F0644A8DA2CBF9D3C4C1B12E","status":"running","queuedTime":"2025-07-29T05:48:30+0000"}""", StrategyJson.Settings)!;

        Assert.That(task.AdditionalProperties["queuedTime"], Is.EqualTo("2025-07-29T05:48:30+0000"));
    }
}
