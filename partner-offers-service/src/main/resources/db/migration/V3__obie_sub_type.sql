-- Eligibility names account sub-types as OBIE does: PrePaidCard, not Prepaid (accounts-service renamed its values).
update offer set account_types = regexp_replace(account_types, '(^|,)Prepaid(,|$)', '\1PrePaidCard\2')
    where account_types ~ '(^|,)Prepaid(,|$)';
