/**
 * Teachers' Pension Scheme employer contribution rate by the date it took effect, with its source
 * (`shared/reference/pay-and-oncosts.md` §4.3). Rates include the 0.08% administration levy.
 */
export interface DatedRate {
  /** ISO date the rate took effect. */
  readonly from: string;
  /** The rate as a decimal string, exact (e.g. "0.2368"). */
  readonly rate: string;
  readonly source: string;
  readonly note?: string;
}

/**
 * TPS employer rates in date order. The first row stands for all earlier dates held.
 *
 * @example
 * TEACHERS_PENSION_RATES.at(-1)?.rate //=> "0.2868"
 */
export const TEACHERS_PENSION_RATES: readonly DatedRate[] = [
  {
    from: "2012-04-01",
    rate: "0.141",
    source:
      "https://www.teacherspensions.co.uk/news/employers/2014/03/teachers-pension-scheme-tps-actuarial-valuation.aspx",
    note: "14.1% until 31 August 2015; its start date was not collected",
  },
  {
    from: "2015-09-01",
    rate: "0.1648",
    source:
      "https://www.teacherspensions.co.uk/news/employers/2014/03/teachers-pension-scheme-tps-actuarial-valuation.aspx",
    note: "16.4% + 0.08% administration levy",
  },
  {
    from: "2019-09-01",
    rate: "0.2368",
    source: "https://content.govdelivery.com/accounts/UKLGA/bulletins/2404bf4",
    note: "including 0.08% administration levy",
  },
  {
    from: "2024-04-01",
    rate: "0.2868",
    source: "https://blog.anthonycollins.com/post/102irdh/teachers-pension-scheme-contributions-on-the-rise",
  },
];
