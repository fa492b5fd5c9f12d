# Maps (issue 20): where the municipality's maps open, the map of reports and the location picker.

map-admin-title = Map
map-admin-intro = The municipality's maps open here: the map of problem reports and the location picker of forms. Set the centre and zoom level.
map-admin-not-set = No centre set yet: maps open on the middle of the area for problem reports (or on all of Ukraine).
map-admin-saved = The map's centre and zoom level are saved.
map-admin-map-label = Map: the centre of the municipality's maps
map-admin-lat = Latitude of the centre
map-admin-lat-hint = In degrees, from -90 to 90, e.g. 50.5437.
map-admin-lon = Longitude of the centre
map-admin-lon-hint = In degrees, from -180 to 180, e.g. 30.2128.
map-admin-zoom = Zoom level
map-admin-zoom-hint = A whole number from 1 (the world) to 19 (a street); 13–15 for a town.
map-admin-save = Save
map-picker-hint = Click the map to set the point. With a keyboard: arrow keys move the map, + and − zoom, Enter sets the point at the centre. You can also fill in the fields below yourself.
map-picked = Point set: the latitude and longitude are filled in.
reports-map-label = Map of problem reports
reports-map-hint = The map shows the reports of the list below; the list has the same and works without the map. With a keyboard: arrow keys move the map, + and − zoom, Tab moves between markers.
reports-map-too-many = Too many reports here to show them all: zoom in.
report-map-label = Map: where the problem is
field-error-invalid_zoom = The zoom level is a whole number from 1 to 19.
audit-action-map_view_changed = Map centre and zoom changed
