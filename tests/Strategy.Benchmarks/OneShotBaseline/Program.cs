// Log in, list the schedules (or, given a job id, read that job), log out: what `strategy schedules list`
// and `strategy wait <token>` of a finished cube publish send, with nothing but HttpClient.
using System.Net;
using System.Text;

var baseUrl = new Uri(Environment.GetEnvironmentVariable("STRATEGY_BASE_URL")!.TrimEnd('/') + "/");
using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer() }) { BaseAddress = baseUrl };
using var login = await http.PostAsync(
    "api/auth/login",
    new StringContent("""{"loginMode":1,"username":"administrator","password":""}""", Encoding.UTF8, "application/json"));
http.DefaultRequestHeaders.Add("X-MSTR-AuthToken", login.Headers.GetValues("X-MSTR-AuthToken").First());
http.DefaultRequestHeaders.Add("X-MSTR-ProjectID", Environment.GetEnvironmentVariable("STRATEGY_PROJECT_ID"));
Console.WriteLine((await http.GetStringAsync(args.Length > 0 ? "api/v2/monitors/jobs/" + args[0] : "api/schedules")).Length);
using var logout = await http.PostAsync("api/auth/logout", null);
