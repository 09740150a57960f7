/**
 * The planner phase: an analysed query as the runtime's conditions and matchers (term sets, ranges,
 * wildcard and regular-expression automata, CIDR networks, scripts) and the texts every match contains.
 */
package io.ncwatch.eql.planner;
