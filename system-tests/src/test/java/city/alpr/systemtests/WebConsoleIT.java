package city.alpr.systemtests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import city.alpr.launcher.RunningSystem;
import city.alpr.localstack.AlprDatabase;
import city.alpr.localstack.PrometheusText;
import city.alpr.simulator.PlateImages;
import city.alpr.simulator.Vehicles;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web console in a real browser (headless Chromium) against the whole system: real Keycloak sign-in
 * (authorization code + PKCE) and the four services, under the Town policy, where officers search directly and
 * receive alerts. Officers, the custodian, compliance staff and the public each use their pages as a person would;
 * each page is kept as a screenshot in {@code system-tests/target/console-screenshots}.
 */
class WebConsoleIT extends ConsoleScenario {

    private static final String CASE_NUMBER = "RSO-2026-0815";
    private static final String WATCHED_PLATE = Vehicles.recurringPlate();

    private Page officer;
    private byte[] watchedPlateImage;
    private CityTileServer tileServer;

    WebConsoleIT() {
        super("web-console", "town-000");
    }

    /** The city's own basemap under the officers' map. */
    @Override
    Map<String, String> settings() {
        tileServer = new CityTileServer();
        return Map.of("ALPR_CONSOLE_BASEMAP_TILES", tileServer.tiles(), "ALPR_CONSOLE_BASEMAP_ATTRIBUTION", "Town GIS");
    }

    @AfterAll
    void stopTheTileServer() {
        if (tileServer != null) {
            tileServer.close();
        }
    }

    @Override
    void prepare() throws Exception {
        // the officer's hotlist watches this plate; a read of it is waiting to be found
        system.watchRecurringPlate(WATCHED_PLATE);
        watchedPlateImage = PlateImages.jpeg(WATCHED_PLATE, 6000, 3);
        GatewayReads.post(system, "console-seed-1", WATCHED_PLATE, watchedPlateImage);
    }

    @Test
    @Order(1)
    void thePublicSeesThePolicyAndTheNoticesWithoutSigningIn_R24_R26_R32() throws Exception {
        Page visitor = browser.visitor();
        visitor.locator("main[data-page='transparency']").waitFor();
        assertThat(visitor.getByTestId("policy")).containsText("30 days");
        assertThat(visitor.getByTestId("policy")).containsText("criminal-investigation");
        // the public figures are recounted in the background (every 2 s locally), never because someone asked
        Instant recounted = Instant.now().plusSeconds(15);
        while (!"1".equals(visitor.getByTestId("reads-held").textContent()) && Instant.now().isBefore(recounted)) {
            visitor.waitForTimeout(500);
            visitor.reload();
            visitor.locator("main[data-page='transparency']").waitFor();
        }
        assertThat(visitor.getByTestId("reads-held")).hasText("1");
        // each element Civil Code 1798.90.51 asks of the policy, with its words or a plain "not addressed" (R32)
        Locator elements = visitor.getByTestId("elements");
        assertThat(elements.locator("tbody tr")).hasCount(8);
        assertThat(elements).containsText("Civil Code 1798.90.51(b)(2)(G)");
        assertThat(elements).containsText("Santa Clara County Sheriff");
        assertThat(elements).containsText("Not addressed in the policy's text");
        browser.screenshot(visitor, "public-transparency");
        Download policy = visitor.waitForDownload(() -> visitor.getByTestId("policy-download").click());
        assertEquals("town-000.txt", policy.suggestedFilename());
        assertTrue(Files.readString(policy.path()).contains("Automatic License Plate Reader Policy"));

        ConsoleBrowser.open(visitor, "notices");
        assertThat(visitor.getByTestId("notices")).containsText("No notice is posted");
        ConsoleBrowser.open(visitor, "search");
        assertThat(visitor.locator("main")).containsText("Sign in to use this page");
        visitor.context().close();
    }

    @Test
    @Order(2)
    void officerStatesAPurposeSearchesAndSeesTheReadOnAMapATimelineAndItsImage_R9() {
        officer = browser.signedIn("officer", system.secrets.officerPassword());
        ConsoleBrowser.open(officer, "search");
        ConsoleBrowser.statePurpose(officer, "criminal-investigation", null);
        ConsoleBrowser.searchPlate(officer, WATCHED_PLATE);
        // the purpose needs a case number: the service refuses, and the console names the field
        assertThat(officer.getByTestId("results").locator(".problem")).containsText("caseNumber");

        officer.getByTestId("purpose-banner").getByRole(AriaRole.BUTTON).click();
        ConsoleBrowser.statePurpose(officer, "criminal-investigation", CASE_NUMBER);
        assertThat(officer.getByTestId("purpose-banner")).containsText(CASE_NUMBER);
        ConsoleBrowser.searchPlate(officer, WATCHED_PLATE);
        assertThat(officer.getByTestId("result-count")).hasText("1 read(s).");
        assertThat(officer.getByTestId("result-table")).containsText(WATCHED_PLATE);
        assertEquals(1, officer.locator("[data-testid=reads-map] circle.read.hit").count(), "the hit on the map");
        // over the city's own basemap, which the content security policy admits and nothing else
        assertTrue(officer.locator("[data-testid=basemap] image").count() >= 1, "tiles under the reads");
        assertThat(officer.getByTestId("reads-map")).containsText("Town GIS");
        officer.waitForCondition(() -> !tileServer.requested().isEmpty());
        assertTrue(tileServer.requested().stream().allMatch(tile -> tile.matches("/tiles/\\d+/\\d+/\\d+\\.png")),
                tileServer.requested().toString());
        assertEquals(1, officer.locator("[data-testid=reads-timeline] rect.read").count(), "and on the timeline");
        browser.screenshot(officer, "officer-search-results");

        officer.locator("[data-testid=reads-map] circle.read").click();
        assertThat(officer.getByTestId("read-plate")).containsText(WATCHED_PLATE);
        Locator image = officer.getByTestId("plate-image");
        image.waitFor();
        officer.waitForFunction("image => image.complete && image.naturalWidth > 0", image.elementHandle());
        browser.screenshot(officer, "officer-read-with-image");
    }

    @Test
    @Order(3)
    void officerExportsTheFlaggedReadAndDownloadsTheSignedPackage_R12_R13() throws Exception {
        officer.getByTestId("result-table").locator("input[type=checkbox]").check();
        officer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Export the chosen reads as evidence"))
                .click();
        assertThat(officer.getByTestId("export-id")).not().isEmpty();
        Download download = officer.waitForDownload(() -> officer.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Download the package")).click());
        byte[] zip = Files.readAllBytes(download.path());
        assertArrayEquals(new byte[] { 'P', 'K' }, Arrays.copyOf(zip, 2), "a ZIP package");
        assertTrue(download.suggestedFilename().startsWith("evidence-"), download.suggestedFilename());
        browser.screenshot(officer, "officer-export");
    }

    @Test
    @Order(4)
    void officerSeesAHitLiveAndRecordsItsDisposition_R7() throws Exception {
        ConsoleBrowser.open(officer, "alerts");
        assertThat(officer.getByTestId("stream-status")).containsText("Live");
        GatewayReads.post(system, "console-live-1", WATCHED_PLATE, watchedPlateImage);
        Locator alerts = officer.getByTestId("alerts");
        assertThat(alerts.locator("tr", new Locator.LocatorOptions().setHasText(WATCHED_PLATE))).hasCount(2);
        browser.screenshot(officer, "officer-alerts-live");

        alerts.locator("tr", new Locator.LocatorOptions().setHasText(WATCHED_PLATE)).first()
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Confirmed")).click();
        assertThat(alerts).containsText("confirmed by officer");

        // answering the alert reaches its read, under the Town policy's hotlist response, and nothing else
        alerts.locator("tr", new Locator.LocatorOptions().setHasText(WATCHED_PLATE)).first()
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Open the read")).click();
        Locator answer = officer.getByTestId("alert-answer");
        assertThat(answer.getByTestId("read-plate")).containsText(WATCHED_PLATE);
        answer.getByTestId("plate-image").waitFor();
        answer.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Export this read as evidence"))
                .click();
        assertThat(answer.getByTestId("export-id")).not().isEmpty();
        browser.screenshot(officer, "officer-alert-answered");
    }

    @Test
    @Order(5)
    void officerWatchesAPlateForACaseWithinThePolicysBoundAndRemovesTheWatch_R6_R29() {
        ConsoleBrowser.open(officer, "hotlists");
        officer.getByTestId("hotlists").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Entries"))
                .first().click();
        Locator entry = officer.getByTestId("new-entry");
        entry.locator("input[name=plate]").fill("7CONS01");
        entry.locator("input[name=source]").fill("Patrol");
        entry.locator("input[name=reason]").fill("Seen at two burglaries");
        entry.locator("select[name=purpose]").selectOption("criminal-investigation");
        entry.locator("input[name=caseNumber]").fill("RSO-2026-0820");
        entry.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add")).click();
        Locator watched = officer.getByTestId("entries").locator("tr", new Locator.LocatorOptions().setHasText("7CONS01"));
        assertThat(watched).containsText("RSO-2026-0820");
        assertThat(watched).containsText("officer");
        browser.screenshot(officer, "officer-watches-a-plate");
        watched.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Remove")).click();
        assertThat(officer.getByTestId("entries")).not().containsText("7CONS01");
    }

    @Test
    @Order(6)
    void officerIsNotShownTheCustodiansPagesAndIsRefusedThem_R8() {
        assertThat(officer.locator("#navigation")).not().containsText("Grants");
        ConsoleBrowser.open(officer, "grants");
        assertThat(officer.locator("main .problem")).containsText("not permit");
        browser.screenshot(officer, "officer-refused-grants");
    }

    @Test
    @Order(7)
    void officerFilesARequestAndTheCustodianApprovesIt_R10() {
        ConsoleBrowser.open(officer, "requests");
        Locator form = officer.getByTestId("new-request");
        form.locator("input[name=caseNumber]").fill("RSO-2026-0816");
        form.locator("textarea[name=justification]").fill("Vehicle seen leaving a burglary on Elm St.");
        form.getByRole(AriaRole.BUTTON).click();
        assertThat(officer.getByTestId("requests")).containsText("RSO-2026-0816");
        assertThat(officer.getByTestId("requests")).containsText("pending");
        browser.screenshot(officer, "officer-requests");

        Page manager = browser.signedIn("manager", system.secrets.managerPassword());
        ConsoleBrowser.open(manager, "requests");
        manager.getByTestId("requests").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Approve"))
                .click();
        assertThat(manager.getByTestId("requests")).containsText("approved by manager");
        browser.screenshot(manager, "custodian-requests");
        manager.context().close();
    }

    @Test
    @Order(8)
    void custodianSeesCamerasHotlistsAndSharesAReadWithARegisteredAgency_R6_R14_R21() {
        Page manager = browser.signedIn("manager", system.secrets.managerPassword());
        ConsoleBrowser.open(manager, "cameras");
        assertThat(manager.getByTestId("cameras").locator("tbody tr")).hasCount(6);
        assertThat(manager.getByTestId("cameras")).containsText("CAM-E01");
        browser.screenshot(manager, "custodian-cameras");

        ConsoleBrowser.open(manager, "hotlists");
        manager.getByTestId("hotlists").locator("tbody tr")
                .filter(new Locator.FilterOptions().setHasText(RunningSystem.DEMO_HOTLIST))
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Entries")).click();
        assertThat(manager.getByTestId("entries")).containsText(WATCHED_PLATE);
        assertThat(manager.getByTestId("new-entry")).hasCount(0);
        browser.screenshot(manager, "custodian-hotlists");

        ConsoleBrowser.open(manager, "search");
        ConsoleBrowser.statePurpose(manager, "criminal-investigation", CASE_NUMBER);
        ConsoleBrowser.searchPlate(manager, WATCHED_PLATE);
        manager.getByTestId("result-table").locator("input[type=checkbox]").first().check();
        manager.locator("select[name=agencyId]").selectOption("riverside-da");
        manager.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Share").setExact(true)).click();
        assertThat(manager.getByTestId("share-outcome")).containsText("Riverside County District Attorney");
        ConsoleBrowser.open(manager, "shares");
        assertThat(manager.getByTestId("shares")).containsText("Riverside County District Attorney");
        browser.screenshot(manager, "custodian-shares");
        manager.context().close();
    }

    @Test
    @Order(9)
    void custodianKeepsGrantsAndAgenciesAndRefusedInputIsNamed_R8_R14() {
        Page manager = browser.signedIn("manager", system.secrets.managerPassword());
        ConsoleBrowser.open(manager, "grants");
        Locator grant = manager.getByTestId("new-grant");
        grant.locator("input[name=username]").fill("contractor");
        grant.locator("input[name=caseNumber]").fill(CASE_NUMBER);
        grant.locator("input[name=documentReference]").fill("City Clerk file CM-2026-118");
        grant.locator("input[name=startsAt]").fill(minutesFromNow(-5));
        grant.locator("input[name=endsAt]").fill(minutesFromNow(7 * 24 * 60));
        grant.getByRole(AriaRole.BUTTON).click();
        assertThat(manager.getByTestId("grants")).containsText("active");
        browser.screenshot(manager, "custodian-grants");

        ConsoleBrowser.open(manager, "agencies");
        Locator agency = manager.getByTestId("new-agency");
        agency.locator("input[name=id]").fill("Orange County!");
        agency.locator("input[name=name]").fill("Orange County Sheriff's Department");
        agency.getByRole(AriaRole.BUTTON).click();
        assertThat(agency.locator(".problem")).containsText("must be 2-40 lower-case letters");
        agency.locator("input[name=id]").fill("ocsd");
        agency.getByRole(AriaRole.BUTTON).click();
        assertThat(manager.getByTestId("agencies")).containsText("Orange County Sheriff's Department");
        assertThat(manager.getByTestId("agencies")).containsText("Riverside County District Attorney");
        browser.screenshot(manager, "custodian-agencies");
        manager.context().close();
    }

    @Test
    @Order(10)
    void custodianRecordsABreachPostsItsNoticeAndThePublicSeesIt_R24() {
        Page manager = browser.signedIn("manager", system.secrets.managerPassword());
        ConsoleBrowser.open(manager, "breaches");
        Locator incident = manager.getByTestId("new-incident");
        incident.locator("input[name=title]").fill("Gateway credentials exposed");
        incident.locator("textarea[name=description]").fill("A gateway's client secret was published in a ticket.");
        incident.locator("input[name=discoveredAt]").fill(minutesFromNow(-60));
        incident.locator("input[name=dataKinds]").fill("plate-reads, images");
        incident.getByRole(AriaRole.BUTTON).click();
        Locator card = manager.getByTestId("incidents").locator("article");
        assertThat(card.getByTestId("outstanding")).containsText("public-notice");

        card.getByTestId("post-notice").locator("textarea[name=body]")
                .fill("On November 30 a camera gateway's credentials were exposed. No plate data was read.");
        card.getByTestId("post-notice").getByRole(AriaRole.BUTTON).click();
        assertThat(card).containsText("Public notice posted");
        Locator notification = card.getByTestId("record-notification");
        notification.locator("select[name=recipient]").selectOption("media");
        notification.locator("input[name=recipientName]").fill("The Press-Enterprise");
        notification.locator("input[name=notifiedAt]").fill(minutesFromNow(-1));
        notification.locator("input[name=method]").fill("email");
        notification.getByRole(AriaRole.BUTTON).click();
        assertThat(card.getByTestId("outstanding")).hasText("Outstanding: state-office-of-information-security");
        browser.screenshot(manager, "custodian-breaches");
        manager.context().close();

        Page visitor = browser.visitor();
        ConsoleBrowser.open(visitor, "notices");
        assertThat(visitor.getByTestId("notices")).containsText("credentials were exposed");
        browser.screenshot(visitor, "public-notices");
        visitor.context().close();
    }

    @Test
    @Order(11)
    void auditorFindsTheOfficersSearchInTheLogVerifiesTheChainAndSignsOffAnAudit_R16_R17_R18() {
        Page auditor = browser.signedIn("auditor", system.secrets.auditorPassword());
        ConsoleBrowser.open(auditor, "audit-log");
        Locator records = ConsoleBrowser.searchLog(auditor, Map.of("username", "officer", "action", "read.search"));
        assertThat(records.locator("tbody tr").filter(new Locator.FilterOptions().setHasNotText("read.search")))
                .hasCount(0);
        assertThat(records).containsText(CASE_NUMBER);
        assertThat(records).containsText("refused");
        assertThat(records).containsText(WATCHED_PLATE);
        // what was queried reads as labelled fields, and a refusal says why beside it
        Locator granted = records.locator("tbody tr").filter(new Locator.FilterOptions().setHasText(CASE_NUMBER)
                .setHasNotText("refused")).first();
        assertThat(granted.getByTestId("queried").locator("dt").first()).hasText("Plate");
        assertThat(granted.getByTestId("queried")).containsText(WATCHED_PLATE);
        assertThat(granted.getByTestId("queried")).not().containsText("{");
        assertThat(records.getByTestId("refusal").first().locator(".reason")).not().isEmpty();
        browser.screenshot(auditor, "compliance-access-log");

        ConsoleBrowser.open(auditor, "verify");
        assertThat(auditor.getByTestId("verdict")).containsText("Intact");
        browser.screenshot(auditor, "compliance-verify");

        ConsoleBrowser.open(auditor, "audit-runs");
        Locator run = auditor.getByTestId("new-run");
        run.locator("input[name=from]").fill(minutesFromNow(-60));
        run.locator("input[name=to]").fill(minutesFromNow(1));
        run.getByRole(AriaRole.BUTTON).click();
        Locator detail = auditor.getByTestId("run-detail");
        detail.getByTestId("new-finding").locator("textarea[name=finding]")
                .fill("Searches in the period name their case; nothing to follow up.");
        detail.getByTestId("new-finding").getByRole(AriaRole.BUTTON).click();
        assertThat(detail.getByTestId("findings")).containsText("nothing to follow up");
        detail.getByTestId("sign-off").locator("textarea[name=conclusion]").fill("Reviewed the sample and all flags.");
        detail.getByTestId("sign-off").getByRole(AriaRole.BUTTON).click();
        assertThat(detail.getByTestId("signed-off")).containsText("Signed off by auditor");
        browser.screenshot(auditor, "compliance-audit-runs");
        auditor.context().close();
    }

    @Test
    @Order(12)
    void signingOutEndsTheKeycloakSessionToo_R8() {
        officer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
        officer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).first().click();
        assertThat(officer.locator("#username")).isVisible();
        browser.screenshot(officer, "signed-out");
        officer.context().close();
    }

    @Test
    @Order(13)
    void custodianIssuesAnEngineItsKeyMapsItsCameraAndRevokesTheKey_R27() throws Exception {
        Page manager = browser.signedIn("manager", system.secrets.managerPassword());
        ConsoleBrowser.open(manager, "integrations");
        assertThat(manager.getByTestId("formats")).containsText("plate-recognizer");
        manager.getByTestId("gateway-choice").selectOption("gateway-east");
        Locator issue = manager.getByTestId("new-key");
        issue.locator("input[name=label]").fill("Scout agent, console test");
        issue.getByRole(AriaRole.BUTTON).click();
        Locator shown = manager.getByTestId("new-key-value");
        assertThat(shown).containsText("alprk_");
        String key = shown.textContent().strip();
        assertThat(manager.getByTestId("api-keys")).containsText("Scout agent, console test");

        Locator map = manager.getByTestId("new-mapping");
        map.locator("input[name=vendorCameraId]").fill("scout-7");
        map.locator("select[name=cameraId]").selectOption("CAM-E01");
        map.getByRole(AriaRole.BUTTON).click();
        assertThat(manager.getByTestId("camera-mappings")).containsText("scout-7");
        browser.screenshot(manager, "custodian-integrations");

        HttpClient http = HttpClient.newHttpClient();
        HttpRequest heartbeat = HttpRequest.newBuilder(URI.create(system.ingest.url() + "/v1/integrations/openalpr/reads"))
                .header("X-Api-Key", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"data_type\":\"heartbeat\",\"video_streams\":[{\"camera_id\":\"scout-7\"}]}"))
                .build();
        HttpResponse<String> alive = http.send(heartbeat, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, alive.statusCode(), alive.body());
        assertTrue(alive.body().contains("CAM-E01"), alive.body());

        // away and back: the page reads the keys again, now with their last use
        ConsoleBrowser.open(manager, "cameras");
        ConsoleBrowser.open(manager, "integrations");
        Locator row = manager.getByTestId("api-keys").locator("tbody tr")
                .filter(new Locator.FilterOptions().setHasText("Scout agent, console test"));
        assertThat(row).not().containsText("never");
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Revoke")).click();
        assertThat(manager.getByTestId("api-keys").locator("tbody tr")
                .filter(new Locator.FilterOptions().setHasText("Scout agent, console test")))
                .containsText("revoked by manager");
        assertEquals(401, http.send(heartbeat, HttpResponse.BodyHandlers.ofString()).statusCode(),
                "a revoked key opens nothing");
        manager.context().close();
    }

    @Test
    @Order(14)
    void custodianWatchesTheHotlistFeeds_aLateFileIsFlaggedStaleAndAMalformedOneRefusedNamingTheLine_R6() throws Exception {
        Page manager = browser.signedIn("manager", system.secrets.managerPassword());
        ConsoleBrowser.open(manager, "hotlist-feeds");
        Locator feed = manager.getByTestId("feeds").locator("tbody tr")
                .filter(new Locator.FilterOptions().setHasText(RunningSystem.DEMO_FEED));
        assertThat(feed).containsText("CA DOJ stolen vehicles (svs)");
        assertThat(feed).containsText("current");
        String imported = Files.readString(system.demoFeed);
        try {
            // three days pass without a new file from the state
            try (Connection database = system.postgres.superuserConnection(AlprDatabase.DATABASE);
                    PreparedStatement late = database.prepareStatement("update hotlist_feed set file_modified_at = "
                            + "file_modified_at - interval '3 days' where name = ?")) {
                late.setString(1, RunningSystem.DEMO_FEED);
                assertEquals(1, late.executeUpdate());
            }
            ConsoleBrowser.open(manager, "hotlists");
            ConsoleBrowser.open(manager, "hotlist-feeds");
            assertThat(feed.getByTestId("stale")).isVisible();
            browser.screenshot(manager, "custodian-hotlist-feeds-stale");

            Files.writeString(system.demoFeed, imported.replace("8DEM002 CA1920261115", "8DEM002 CA19202611"));
            feed.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Refresh now")).click();
            assertThat(manager.getByTestId("feed-outcome")).containsText("line 3");
            assertThat(feed.getByTestId("failure")).containsText("line 3");
        } finally {
            Files.writeString(system.demoFeed, imported);
        }
        feed.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Refresh now")).click();
        assertThat(manager.getByTestId("feed-outcome")).containsText("3 entries in force");
        assertThat(feed).containsText("current");
        manager.context().close();
    }

    @Test
    @Order(15)
    void officerFindsAVehicleByItsDescriptionAtACamera_R15() throws Exception {
        String plate = "6DSC" + (100 + (int) (Math.random() * 800));
        GatewayReads.post(system, "console-described-" + plate, plate, PlateImages.jpeg(plate, 3000, 5), "Tesla", "Red",
                "suv-crossover");
        Page page = browser.signedIn("officer", system.secrets.officerPassword());
        ConsoleBrowser.open(page, "search");
        ConsoleBrowser.statePurpose(page, "criminal-investigation", CASE_NUMBER);
        Locator form = page.getByTestId("search-form");
        form.locator("input[name=from]").fill(minutesFromNow(-60));
        form.locator("input[name=cameras]").fill("CAM-E01");
        page.getByTestId("vehicle-make").selectOption("TESL");
        page.getByTestId("vehicle-color").selectOption("RED");
        page.getByTestId("vehicle-bodyType").selectOption("UT");
        form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Search")).click();
        assertThat(page.getByTestId("result-table")).containsText(plate);
        browser.screenshot(page, "officer-vehicle-description-search");

        page.getByTestId("vehicle-bodyType").selectOption("MC");
        form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Search")).click();
        assertThat(page.getByTestId("result-count")).hasText("0 read(s).");
        page.context().close();
    }

    @Test
    @Order(16)
    void aDeputyEnrolsASecondFactorAtTheFirstSignInThenGivesItsCodeAndTheLogHasBoth_CJIS_5_6_2_2_5_4_1_1() {
        Page deputy = browser.visitor();
        deputy.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).first().click();
        deputy.locator("#username").fill("deputy");
        deputy.locator("#password").fill(system.secrets.deputyPassword());
        deputy.locator("#kc-login").click();
        // Keycloak will not let a holder of second-factor-required in without an authenticator app
        deputy.locator("#mode-manual").click();
        String secret = deputy.locator("#kc-totp-secret-key").textContent().replaceAll("\\s", "");
        browser.screenshot(deputy, "mfa-enrolment");
        long period = Instant.now().getEpochSecond() / 30;
        deputy.locator("#totp").fill(Totp.code(secret, period));
        deputy.locator("#userLabel").fill("Deputy's phone");
        deputy.locator("#saveTOTPBtn").click();
        assertThat(deputy.getByTestId("signed-in-as")).containsText("deputy");
        deputy.context().close();

        Page again = browser.visitor();
        again.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).first().click();
        again.locator("#username").fill("deputy");
        again.locator("#password").fill(system.secrets.deputyPassword());
        again.locator("#kc-login").click();
        browser.screenshot(again, "mfa-sign-in");
        // a code is good once: the enrolment's code is spent, so the app's next one is given
        while (Instant.now().getEpochSecond() / 30 <= period) {
            again.waitForTimeout(1000);
        }
        again.locator("#otp").fill(Totp.code(secret, Instant.now().getEpochSecond() / 30));
        again.locator("#kc-login").click();
        try {
            assertThat(again.getByTestId("signed-in-as")).containsText("deputy");
        } catch (AssertionError refused) {
            browser.screenshot(again, "mfa-sign-in-refused");
            throw refused;
        }
        again.context().close();

        Page auditor = browser.signedIn("auditor", system.secrets.auditorPassword());
        ConsoleBrowser.open(auditor, "audit-log");
        Instant copied = Instant.now().plusSeconds(30);
        Locator records = ConsoleBrowser.searchLog(auditor, Map.of("username", "deputy", "action", "identity.*"));
        while (!records.textContent().contains("otp") && Instant.now().isBefore(copied)) {
            auditor.waitForTimeout(1000);
            records = ConsoleBrowser.searchLog(auditor, Map.of("username", "deputy", "action", "identity.*"));
        }
        assertThat(records).containsText("identity.login");
        assertThat(records).containsText("otp");
        browser.screenshot(auditor, "compliance-sign-in-events");
        auditor.context().close();
    }

    @Test
    @Order(17)
    void theCustodianProducesThePublicRecordsReportsTheYearsTotalsAndThePeriodsAccessLog_R32() throws Exception {
        Page custodian = browser.signedIn("manager", system.secrets.managerPassword());
        ConsoleBrowser.open(custodian, "public-records");
        Locator totals = custodian.getByTestId("yearly-totals");
        assertThat(totals).containsText(String.valueOf(Year.now(ZoneOffset.UTC).getValue()));
        assertThat(totals).containsText("Searches: criminal-investigation");
        browser.screenshot(custodian, "compliance-public-records");
        Download log = custodian.waitForDownload(() -> custodian.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Access log (CSV)")).click());
        String csv = Files.readString(log.path());
        assertTrue(csv.startsWith("name,date,agency,purpose,case_number,data_queried,result_count,action,outcome\r\n"),
                csv.lines().findFirst().orElse(""));
        assertTrue(csv.contains("\"officer\",") && csv.contains(CASE_NUMBER) && csv.contains("plate: " + WATCHED_PLATE),
                "the officer's search, its case and the plate it queried");
        Download hotlists = custodian.waitForDownload(() -> custodian.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Hotlist sources (CSV)")).click());
        assertTrue(Files.readString(hotlists.path()).startsWith("source,received_as,hotlist_kind,"));
        custodian.context().close();
    }

    @Test
    @Order(18)
    void everyMetricTheOperatorsAlertsAndDashboardReadIsExportedByTheRunningServices() throws Exception {
        Path monitoring = Path.of("..", "k8s", "monitoring");
        String watched = Files.readString(monitoring.resolve("prometheus-rules.yaml"))
                + Files.readString(monitoring.resolve("alpr-dashboard.json"));
        Set<String> metrics = new TreeSet<>();
        Matcher named = Pattern.compile("\\b(alpr_[a-z_]+|http_server_requests_seconds_[a-z]+)\\b").matcher(watched);
        while (named.find()) {
            metrics.add(named.group(1));
        }
        assertTrue(metrics.size() >= 8, "the rules name the gauges: " + metrics);
        HttpClient http = HttpClient.newHttpClient();
        StringBuilder scraped = new StringBuilder();
        for (String service : List.of(system.ingest.url(), system.query.url(), system.audit.url())) {
            HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(URI.create(service + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, scrape.statusCode(), service);
            scraped.append(scrape.body());
        }
        List<String> missing = metrics.stream()
                .filter(metric -> PrometheusText.value(scraped.toString(), metric).isEmpty()).toList();
        assertEquals(List.of(), missing, "metrics the rules or the dashboard read that no service exports");
    }

    /** A datetime-local value, in UTC as the console reads it. */
    private static String minutesFromNow(long minutes) {
        return Instant.now().plus(minutes, ChronoUnit.MINUTES).toString().substring(0, 16);
    }
}
