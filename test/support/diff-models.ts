/** The small model the diff tests change in one way each: an intervention, a chain to a KPI and a factor to remove. */
export const diffBaseModel = `kpi slachtoffers "Slachtoffers" decrease
intervention pilot "Pilot"
factor pakkans "Pakkans"
factor daders "Daders"
factor oud "Oud"
pilot -> +pakkans
pakkans -> -daders
daders -> +slachtoffers
oud -> +daders
`;
