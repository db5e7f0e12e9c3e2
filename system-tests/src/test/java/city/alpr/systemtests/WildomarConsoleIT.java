package city.alpr.systemtests;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import city.alpr.simulator.PlateImages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The web console under Wildomar CS3, where an officer sees reads only for a case whose law-enforcement request the
 * custodian has approved (§5): refused for a case, the officer asks for it from the search page, the custodian
 * approves, the same search then finds the read, and the auditor finds the case's whole trail in the log.
 */
class WildomarConsoleIT extends ConsoleScenario {

    private static final String CASE_NUMBER = "WPD-2026-0901";
    /** Not among the simulator's vehicles: only the read this test posts carries it. */
    private static final String PLATE = "5WLD204";

    private Page officer;

    WildomarConsoleIT() {
        super("wildomar-console", "wildomar-cs3");
    }

    @Override
    void prepare() throws Exception {
        GatewayReads.post(system, "wildomar-seed-1", PLATE, PlateImages.jpeg(PLATE, 9000, 3));
    }

    @Test
    @Order(1)
    void officerRefusedForACaseAsksTheCustodianFromTheSearchPage_R10() {
        officer = browser.signedIn("officer", system.secrets.officerPassword());
        ConsoleBrowser.open(officer, "search");
        ConsoleBrowser.statePurpose(officer, "criminal-investigation", CASE_NUMBER);
        ConsoleBrowser.searchPlate(officer, PLATE);

        Locator results = officer.getByTestId("results");
        assertThat(results.locator(".problem")).containsText("law-enforcement request for this case number");
        Locator request = officer.getByTestId("request-form");
        request.locator("textarea[name=justification]").fill("Vehicle seen leaving a robbery on Clinton Keith Rd.");
        request.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("File the request")).click();
        assertThat(results).containsText("Request filed for case " + CASE_NUMBER);
        browser.screenshot(officer, "wildomar-officer-refused-asks");

        ConsoleBrowser.open(officer, "requests");
        Locator filed = officer.getByTestId("requests").locator("tr", new Locator.LocatorOptions().setHasText(CASE_NUMBER));
        assertThat(filed).containsText("pending");
    }

    @Test
    @Order(2)
    void onceTheCustodianApprovesTheSameSearchFindsTheRead_R10() {
        Page manager = browser.signedIn("manager", system.secrets.managerPassword());
        ConsoleBrowser.open(manager, "requests");
        Locator pending = manager.getByTestId("requests").locator("tr",
                new Locator.LocatorOptions().setHasText(CASE_NUMBER));
        pending.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Approve")).click();
        assertThat(pending).containsText("approved by manager");
        manager.context().close();

        // the purpose and case stated at sign-in still hold
        ConsoleBrowser.open(officer, "search");
        assertThat(officer.getByTestId("purpose-banner")).containsText(CASE_NUMBER);
        ConsoleBrowser.searchPlate(officer, PLATE);
        assertThat(officer.getByTestId("result-count")).hasText("1 read(s).");
        assertThat(officer.getByTestId("result-table")).containsText(PLATE);
        assertEquals(0, officer.locator("[data-testid=basemap]").count(), "no basemap unless the city configures one");
        browser.screenshot(officer, "wildomar-officer-search-after-approval");
        officer.context().close();
    }

    @Test
    @Order(3)
    void theAuditorFindsTheCasesWholeTrailInTheLog_R10_R16() {
        Page auditor = browser.signedIn("auditor", system.secrets.auditorPassword());
        // the landing page draws the report's figures: today's granted search and its refusal among them (R18)
        assertEquals("compliance", auditor.locator("main").getAttribute("data-page"));
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertThat(auditor.getByTestId("searches-by-day").locator("rect.bar[data-day='" + today
                + "'][data-series='criminal-investigation']")).hasCount(1);
        assertThat(auditor.getByTestId("refusals-by-day").locator("rect.bar[data-day='" + today + "']")).hasCount(1);
        assertThat(auditor.getByTestId("hits-by-disposition")).containsText("awaiting a disposition");
        assertThat(auditor.getByTestId("checkpoint-age")).not().isEmpty();
        browser.screenshot(auditor, "compliance-overview");
        ConsoleBrowser.open(auditor, "audit-log");
        Locator records = ConsoleBrowser.searchLog(auditor, Map.of("caseNumber", CASE_NUMBER));
        // the case's four records and nothing else: the refused search, the request, its decision, the search
        assertThat(records.locator("tbody tr")).hasCount(4);
        Locator searches = records.locator("tbody tr", new Locator.LocatorOptions().setHasText("read.search"));
        assertThat(searches).hasCount(2);
        // newest first: the search after the approval, then the refused one
        assertThat(searches.first()).containsText("granted");
        assertThat(searches.last()).containsText("refused");
        assertThat(records.locator("tbody tr", new Locator.LocatorOptions().setHasText("request.file")))
                .containsText("officer");
        assertThat(records.locator("tbody tr", new Locator.LocatorOptions().setHasText("request.decide")))
                .containsText("manager");
        browser.screenshot(auditor, "wildomar-compliance-case-trail");
        auditor.context().close();
    }
}
