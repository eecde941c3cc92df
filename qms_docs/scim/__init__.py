"""The internal managerial control system (SCIM, OSGG 600/2018): the Comisia de monitorizare and
the head of the entity's decisions, the development programme, the OSGG risk register (a view of
risks.yml), procedural activities, sensitive functions and the annual self-assessment."""
