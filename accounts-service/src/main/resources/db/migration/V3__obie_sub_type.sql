-- OBIE's account sub-type for prepaid cards is PrePaidCard (OBExternalAccountSubType1Code); it was stored as Prepaid,
-- which partners' OBIE clients cannot read.
update account set account_sub_type = 'PrePaidCard' where account_sub_type = 'Prepaid';
