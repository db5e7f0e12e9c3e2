package city.alpr.query.search;

import java.util.List;

import city.alpr.query.search.SearchRequest.Area;
import city.alpr.query.search.SearchRequest.GeoPoint;

/** Whether a camera's site lies inside a search area: a circle on the earth's surface or a polygon. */
final class Geofence {

    private static final double EARTH_RADIUS_METERS = 6_371_008.8;

    private Geofence() {
    }

    static boolean contains(Area area, double latitude, double longitude) {
        if (area.polygon() != null) {
            return insidePolygon(area.polygon(), latitude, longitude);
        }
        return distanceMeters(area.center().latitude(), area.center().longitude(), latitude, longitude) <= area.radiusMeters();
    }

    /** Great-circle distance (haversine). */
    static double distanceMeters(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(Math.toRadians(lat1))
                * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    /** Ray casting in latitude/longitude, fine for the city-sized polygons a search draws. */
    static boolean insidePolygon(List<GeoPoint> polygon, double latitude, double longitude) {
        boolean inside = false;
        for (int i = 0, j = polygon.size() - 1; i < polygon.size(); j = i++) {
            double yi = polygon.get(i).latitude();
            double xi = polygon.get(i).longitude();
            double yj = polygon.get(j).latitude();
            double xj = polygon.get(j).longitude();
            if ((yi > latitude) != (yj > latitude) && longitude < (xj - xi) * (latitude - yi) / (yj - yi) + xi) {
                inside = !inside;
            }
        }
        return inside;
    }
}
