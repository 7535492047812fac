package org.openbanking.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.openbanking.system.FullStoryTest.as;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;

/**
 * A web scan of the dashboard with wapiti (Debian) while logged in as alice, with a request waiting and a live consent,
 * so the crawl reaches every page and form: missing security headers, cookie flags, CSP, CSRF, XSS, SQL, command and
 * CRLF injection, open redirects. The local run is plain http, where the dashboard's cookies are deliberately not
 * {@code Secure} (deployments set it; DashboardSecureCookiesTest in the gateway proves it): that one finding is the only
 * one allowed, and only for the platform's own cookies.
 */
class DashboardScanTest {

    static final String MODULES = "http_headers,cookieflags,csp,csrf,xss,permanentxss,sql,exec,crlf,redirect,file";
    static final Path OUT = Path.of("target/wapiti");

    @Test
    void wapitiFindsNoMissingHeaderCookieFlagOrInjection() throws Exception {
        Path wapiti = Path.of("/usr/bin/wapiti");
        if (!Files.isExecutable(wapiti)) {
            String how = "wapiti is missing (apt-get install -y wapiti; .ci/run does it)";
            if (System.getenv("CI") != null) {
                fail(how);
            }
            Assumptions.abort("Skipping the web scan on this machine: " + how);
        }
        Browsers.chromium();
        SystemStack.start();
        String alice = Tokens.user("alice");
        String live = DashboardBrowserTest.authorisedByAlice().consent();
        String pending = DashboardBrowserTest.requestConsent(List.of("ReadAccountsDetail", "ReadTransactionsBasic",
                "ReadTransactionsDebits"), "PersonalFinanceManagement");
        Files.createDirectories(OUT);
        ObjectMapper json = new ObjectMapper();
        try (BrowserContext context = Browsers.phone()) {
            Page page = Browsers.login(context, "alice", "/dashboard/consents/" + pending, null);
            page.waitForSelector("form.approve");
            // wapiti's cookie file: domain ".localhost.local" is how it names a dotless host.
            Map<String, Map<String, Map<String, Object>>> byPath = new LinkedHashMap<>();
            for (Cookie c : context.cookies(Browsers.GATEWAY)) {
                Map<String, Object> attributes = new LinkedHashMap<>();
                attributes.put("value", c.value);
                attributes.put("expires", null);
                attributes.put("secure", c.secure);
                attributes.put("port", null);
                attributes.put("version", 0);
                byPath.computeIfAbsent(c.path, p -> new LinkedHashMap<>()).put(c.name, attributes);
            }
            Path cookies = OUT.resolve("cookies.json");
            json.writeValue(cookies.toFile(), Map.of(".localhost.local", byPath));
            Path report = OUT.resolve("report.json");
            Files.deleteIfExists(report);
            // Debian's Python (wapiti's own interpreter), not whichever python3 is first on the PATH.
            Path shim = Path.of("src/test/resources/wapiti-shim.py").toAbsolutePath();
            ProcessBuilder scan = new ProcessBuilder("/usr/bin/python3", shim.toString(), "-u", Browsers.GATEWAY + "/", "-c",
                    cookies.toString(), "--scope", "folder", "-m", MODULES, "-x", Browsers.GATEWAY + "/dashboard/logout",
                    "-s", Browsers.GATEWAY + "/dashboard/consents/" + pending, "-s",
                    Browsers.GATEWAY + "/dashboard/access-log", "-d", "4", "--max-scan-time", "240",
                    "--max-attack-time", "60", "--flush-session", "--store-session", OUT.resolve("session").toString(),
                    "-f", "json", "-o", report.toString(), "--no-bugreport")
                    .redirectErrorStream(true).redirectOutput(OUT.resolve("wapiti.log").toFile());
            Process process = scan.start();
            if (!process.waitFor(6, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail("wapiti did not finish within 6 minutes; see " + OUT.resolve("wapiti.log"));
            }
            assertEquals(0, process.exitValue(), "wapiti failed; see " + OUT.resolve("wapiti.log"));

            // The crawl ran logged in: it reached the dashboard's pages and forms, not only the login redirect.
            java.util.regex.Matcher crawled = java.util.regex.Pattern.compile("Wapiti found (\\d+) URLs and forms")
                    .matcher(Files.readString(OUT.resolve("wapiti.log")));
            assertTrue(crawled.find(), "wapiti's log names what it crawled");
            int reached = Integer.parseInt(crawled.group(1));
            assertTrue(reached >= 8, "the logged-in crawl reached only " + reached + " URLs and forms");

            JsonNode found = json.readTree(report.toFile());
            List<String> problems = new ArrayList<>();
            List<String> notSecure = new ArrayList<>();
            found.path("vulnerabilities").fields().forEachRemaining(category -> category.getValue().forEach(v -> {
                String info = v.path("info").asText();
                if (category.getKey().toLowerCase().contains("secure flag")) {
                    notSecure.add(info);
                } else {
                    problems.add(category.getKey() + ": " + info + " at " + v.path("path").asText());
                }
            }));
            found.path("anomalies").fields().forEachRemaining(category -> category.getValue()
                    .forEach(a -> problems.add(category.getKey() + ": " + a.path("info").asText() + " at "
                            + a.path("path").asText())));
            System.out.println("[scan] wapiti " + MODULES + ": " + reached + " URLs and forms, " + problems.size()
                    + " findings, " + notSecure.size() + " cookies without Secure on plain http (expected locally)");
            assertTrue(problems.isEmpty(), "wapiti found: " + String.join("\n", problems));
            for (String info : notSecure) {
                assertTrue(info.contains("q_session") || info.contains("q_auth") || info.contains("ob_pending"),
                        "only the platform's own cookies lack Secure on http: " + info);
            }
        } finally {
            as(alice).post("/me/consents/{c}/revoke", live);
            as(alice).delete("/me/blocked-partners/demo-messenger");
        }
    }
}
