
import django.db.models.deletion
import modelsearch.index
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('core', '0006_navigation_and_home_links'),
    ]

    operations = [
        migrations.CreateModel(
            name='Approach',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=120)),
                ('slug', models.SlugField(help_text='Used in filter addresses; keep it stable.', max_length=120, unique=True)),
                ('description', models.TextField(blank=True, max_length=1000)),
                ('sort_order', models.PositiveSmallIntegerField(default=100)),
            ],
            options={
                'ordering': ['sort_order', 'name'],
            },
            bases=(modelsearch.index.Indexed, models.Model),
        ),
        migrations.CreateModel(
            name='Finding',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField()),
                ('intervention', models.CharField(max_length=250)),
                ('effect', models.CharField(choices=[('narrows', 'Narrows inequalities'), ('mixed', 'Mixed effect'), ('no-clear-effect', 'No clear effect'), ('widens', 'Widens inequalities')], max_length=20)),
                ('strength', models.CharField(choices=[('strong', 'Strong'), ('moderate', 'Moderate'), ('limited', 'Limited'), ('very-limited', 'Very limited')], max_length=20)),
                ('cost', models.CharField(choices=[('low', 'Low cost'), ('moderate', 'Moderate cost'), ('high', 'High cost'), ('not-known', 'Cost not known')], default='not-known', max_length=20)),
                ('approach', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='findings', to='evidence.approach')),
                ('groups', models.ManyToManyField(related_name='findings', to='core.inequalitygroup')),
                ('page', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='indexed_findings', to='core.evidencepage')),
            ],
            options={
                'ordering': ['page', 'position'],
                'indexes': [models.Index(fields=['approach', 'effect'], name='evidence_finding_approach')],
                'constraints': [models.UniqueConstraint(fields=('page', 'position'), name='evidence_finding_position')],
            },
        ),
    ]
