import { ObjectIdString } from '@driver/contracts'
import { Type } from 'typebox'
import { DateInput, DateTimeText, ImageIdInput, Text, VehicleSize } from './common.js'

/** A vehicle the driver owns (seed 000, 车辆信息): what `add_vehicle` / `update_vehicle` take. */
export const VehicleFieldsSchema = Type.Object({
  image_id: Type.Optional(ImageIdInput('its photo, uploaded to /wx/auto_download/vehicle_image')),
  plate_number: Type.Optional(Text(16, 'stored upper-cased; not unique')),
  vehicle_type: Type.Optional(Text(50, 'GB 1589 kind of vehicle')),
  vehicle_load: Type.Optional(VehicleSize('tonnes')),
  vehicle_length: Type.Optional(VehicleSize('metres')),
  owner_name: Type.Optional(Text(50, 'not necessarily the driver')),
  address: Type.Optional(Text(200)),
  vehicle_model: Type.Optional(Text(100, 'e.g. 一汽解放J6')),
  vin_id: Type.Optional(Text(32, 'VIN, or its last six characters')),
  engine_id: Type.Optional(Text(32)),
  register_date: Type.Optional(DateInput('registration')),
  issued_date: Type.Optional(DateInput('licence issued'))
})

/** A vehicle as `/wx/resume/view` shows it. */
export const VehicleSchema = Type.Object({
  _id: ObjectIdString,
  driver_id: Type.String({ ...ObjectIdString, description: 'the resume' }),
  ...VehicleFieldsSchema.properties,
  image_url: Type.Optional(Type.String({ description: 'from the media service' })),
  create_date: DateTimeText('set by the server')
})
