/* Vehicles, with their photo (image_id): add_vehicle, update_vehicle, delete_vehicle with v_id. */
window.itemsPage({ kind: 'vehicle', idName: 'v_id', list: 'vehicle', noun: '车辆' })
