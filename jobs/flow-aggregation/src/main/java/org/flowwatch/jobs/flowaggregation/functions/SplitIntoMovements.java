package org.flowwatch.jobs.flowaggregation.functions;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;
import org.flowwatch.jobs.flowaggregation.model.Movement;
import org.flowwatch.schema.FlowObservation;
import org.flowwatch.schema.TravellerGroup;
import org.flowwatch.schema.Vulnerabilities;

/** One movement per nationality group of an observation. */
public final class SplitIntoMovements implements FlatMapFunction<FlowObservation, Movement> {
  private static final long serialVersionUID = 1L;

  @Override
  public void flatMap(FlowObservation observation, Collector<Movement> out) {
    for (TravellerGroup group : observation.getTravellers()) {
      out.collect(movement(observation, group));
    }
  }

  static Movement movement(FlowObservation observation, TravellerGroup group) {
    Movement movement = new Movement();
    movement.pointCode = observation.getPointCode();
    movement.direction = observation.getDirection().name();
    movement.nationality = group.getNationality();
    movement.transportMode = observation.getTransportMode().name();
    movement.eventTimeMillis = observation.getObservedAt().toEpochMilli();
    movement.men = group.getMen();
    movement.women = group.getWomen();
    movement.boys = group.getBoys();
    movement.girls = group.getGirls();
    Vulnerabilities vulnerabilities = group.getVulnerabilities();
    movement.childrenUnder5 = vulnerabilities.getChildrenUnder5();
    movement.elderly = vulnerabilities.getElderly();
    movement.withDisability = vulnerabilities.getWithDisability();
    movement.pregnantWomen = vulnerabilities.getPregnantWomen();
    movement.unaccompaniedChildren = vulnerabilities.getUnaccompaniedChildren();
    return movement;
  }
}
