package org.openbanking.gateway.dashboard;

import java.util.List;

import org.openbanking.gateway.dashboard.DashboardViews.AccountOption;
import org.openbanking.gateway.dashboard.DashboardViews.BlockedPartner;
import org.openbanking.gateway.dashboard.DashboardViews.ConsentCard;
import org.openbanking.gateway.dashboard.DashboardViews.HistoryLine;
import org.openbanking.gateway.dashboard.DashboardViews.LogLine;
import org.openbanking.gateway.dashboard.DashboardViews.Notice;
import org.openbanking.gateway.dashboard.DashboardViews.Option;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The dashboard's pages (Qute, checked when the gateway is built), under {@code templates/DashboardResource/}: the
 * folder keeps the name of the class that used to declare them.
 */
@CheckedTemplate(basePath = "DashboardResource")
final class DashboardTemplates {

    private DashboardTemplates() {
    }

    static native TemplateInstance home(List<ConsentCard> pending, List<ConsentCard> live, List<ConsentCard> past,
            List<BlockedPartner> blocked, List<Option> blockable, Notice notice, String csrf);

    static native TemplateInstance consent(ConsentCard consent, List<AccountOption> accounts, List<HistoryLine> history,
            Notice notice, String csrf);

    static native TemplateInstance revoke(ConsentCard consent, String csrf);

    static native TemplateInstance accessLog(List<LogLine> lines, List<Option> partners, List<Option> consents,
            String next, boolean filtered);

    static native TemplateInstance problem(String title, String message);

    static native TemplateInstance signedOut();

    static native TemplateInstance logout(String csrf);

    static native TemplateInstance leaving(String endSession);
}
