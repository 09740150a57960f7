/**
 * The parser phase: EQL text to the syntax tree of {@link io.ncwatch.eql.parser.ast}, as Elasticsearch
 * accepts it, with {@link io.ncwatch.eql.parser.EqlSyntaxException} saying where and what was expected.
 */
package io.ncwatch.eql.parser;
