package org.flowwatch.jobs.common.reference;

import java.io.Serializable;
import java.util.Set;

/** A corridor: its code, a readable name, and the countries at its far end. */
public record RouteDefinition(String code, String name, Set<String> farEndCountries) implements Serializable {}
