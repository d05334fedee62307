import { Controller, Get } from '@nestjs/common';
import { ProjectionCatalogueService, ProjectionStatus } from './projection-catalogue.service.js';

/** The projections this worker runs, their versions and how far each is behind, beside the health probes. */
@Controller('health')
export class ProjectionsController {
  constructor(private readonly catalogue: ProjectionCatalogueService) {}

  @Get('projections')
  status(): Promise<ProjectionStatus[]> {
    return this.catalogue.status();
  }
}
