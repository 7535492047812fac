package org.openbanking.launcher;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** What the launcher prints once everything is up: the demo identities and the partner flow as curl lines. */
final class DemoGuide {

    private DemoGuide() {
    }

    static String text(LaunchConfig config) {
        String expiry = OffsetDateTime.now(ZoneOffset.UTC).plusDays(90).truncatedTo(ChronoUnit.SECONDS).toString();
        return """

                Demo identities (dev realm only): users alice/alice, bob/bob (customer), ops/ops (platform-admin);
                clients bank-alpha, bank-beta (banks) and demo-messenger (partner), secret <client id>-secret.
                Data and logs are kept in %s (./run --reset starts from empty databases and a fresh realm).

                The dashboard: open %s/ in a browser and log in as alice/alice (or bob/bob). A partner sends its user to
                %s/dashboard/consents/<ConsentId> to approve or reject a request (step 2 below, in a browser).

                The partner flow, copy-paste into a shell:

                KC=%s/realms/openbanking/protocol/openid-connect/token; GW=%s
                token() { sed -E 's/.*"access_token":"([^"]+)".*/\\1/'; }
                # 1. The partner (demo-messenger) gets a token and asks for a consent.
                P=$(curl -s $KC -d grant_type=client_credentials -d client_id=demo-messenger -d client_secret=demo-messenger-secret | token)
                C=$(curl -s $GW/open-banking/v3.1/aisp/account-access-consents -H "Authorization: Bearer $P" -H 'Content-Type: application/json' \\
                  -d '{"Data":{"Permissions":["ReadAccountsDetail","ReadBalances","ReadTransactionsDetail","ReadTransactionsCredits","ReadTransactionsDebits"],"ExpirationDateTime":"%s","Purpose":{"Code":"PersonalFinanceManagement","Description":"See all your spending in one place"}},"Risk":{}}' \\
                  | sed -E 's/.*"ConsentId":"([^"]+)".*/\\1/'); echo "consent $C"
                echo "or approve it in a browser: $GW/dashboard/consents/$C"
                # 2. Alice (dev-only password grant) lists her accounts and authorises the consent for one of them.
                A=$(curl -s $KC -d grant_type=password -d client_id=dev-cli -d username=alice -d password=alice | token)
                ACC=$(curl -s $GW/me/accounts -H "Authorization: Bearer $A" | sed -E 's/.*"AccountId":"([^"]+)".*/\\1/'); echo "account $ACC"
                curl -s -X POST $GW/me/consents/$C/authorise -H "Authorization: Bearer $A" -H 'Content-Type: application/json' -d "{\\"AccountIds\\":[\\"$ACC\\"]}"; echo
                # 3. The partner reads what the consent allows, and nothing else.
                curl -s $GW/open-banking/v3.1/aisp/accounts -H "Authorization: Bearer $P" -H "x-consent-id: $C"; echo
                curl -s $GW/open-banking/v3.1/aisp/accounts/$ACC/balances -H "Authorization: Bearer $P" -H "x-consent-id: $C"; echo
                curl -s $GW/open-banking/v3.1/aisp/accounts/$ACC/transactions -H "Authorization: Bearer $P" -H "x-consent-id: $C" | head -c 600; echo
                # 4. Alice sees every access, then revokes; the partner is refused at once.
                curl -s $GW/me/access-log -H "Authorization: Bearer $A"; echo
                curl -s -X POST $GW/me/consents/$C/revoke -H "Authorization: Bearer $A" -o /dev/null -w '%%{http_code}\\n'
                curl -s $GW/open-banking/v3.1/aisp/accounts -H "Authorization: Bearer $P" -H "x-consent-id: $C"; echo

                Press Ctrl-C to stop everything."""
                .formatted(config.dataDir(), config.url("gateway"), config.url("gateway"), config.keycloakUrl(),
                        config.url("gateway"), expiry);
    }
}
