"""The sign-off chain's tables move here from `disclosure` without losing a row.

The tables were created by disclosure 0003_chain. This migration renames them, takes over
their models in the migration state (with their index names as they are in the database;
0002 renames the indexes), and points their content types (and so their permissions and
admin log entries) at this app.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

TABLES = ["chaintemplate", "chainstep", "review", "signoff"]
MODELS = [*TABLES, "pendingreview"]


def rename_sql(old_app, new_app):
    return [f'ALTER TABLE "{old_app}_{name}" RENAME TO "{new_app}_{name}"' for name in TABLES]


def move_content_types(old_app, new_app):
    def move(apps, schema_editor):
        content_type = apps.get_model("contenttypes", "ContentType")
        db = schema_editor.connection.alias
        for model in MODELS:
            old = content_type.objects.using(db).filter(app_label=old_app, model=model).first()
            if old is None:
                continue
            new = content_type.objects.using(db).filter(app_label=new_app, model=model).first()
            if new is not None:
                # Created by an earlier run without data: rows point at the old one.
                new.delete()
            old.app_label = new_app
            old.save(update_fields=["app_label"])

    return move


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("disclosure", "0003_chain"),
        ("townships", "0003_seed_calendar"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(rename_sql("disclosure", "signoff"),
                                  rename_sql("signoff", "disclosure")),
            ],
            state_operations=[
            migrations.CreateModel(
                name='ChainTemplate',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('importance', models.CharField(choices=[('normal', '一般'), ('important', '重要'), ('critical', '特别重要')], max_length=10, verbose_name='重要程度')),
                    ('updated_at', models.DateTimeField(auto_now=True, verbose_name='更新时间')),
                    ('township', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='chain_templates', to='townships.township', verbose_name='乡镇')),
                ],
                options={
                    'verbose_name': '审签流程',
                    'verbose_name_plural': '审签流程',
                    'ordering': ['township', 'importance'],
                },
            ),
            migrations.CreateModel(
                name='ChainStep',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('order', models.PositiveSmallIntegerField(verbose_name='顺序')),
                    ('role', models.CharField(choices=[('office_head', '科室负责人'), ('supervisor', '分管领导'), ('info_leader', '信息分管领导'), ('principal', '主要领导')], max_length=20, verbose_name='签署角色')),
                    ('label', models.CharField(help_text='如：科室负责人审核', max_length=40, verbose_name='环节名称')),
                    ('template', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='steps', to='signoff.chaintemplate', verbose_name='审签流程')),
                ],
                options={
                    'verbose_name': '审签环节',
                    'verbose_name_plural': '审签环节',
                    'ordering': ['template', 'order', 'id'],
                },
            ),
            migrations.CreateModel(
                name='Review',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('object_id', models.PositiveBigIntegerField(verbose_name='对象编号')),
                    ('title', models.CharField(max_length=200, verbose_name='标题')),
                    ('importance', models.CharField(choices=[('normal', '一般'), ('important', '重要'), ('critical', '特别重要')], max_length=10, verbose_name='重要程度')),
                    ('steps', models.JSONField(default=list, help_text='提交时的流程快照：[{role, label}]。', verbose_name='审签环节')),
                    ('state', models.CharField(choices=[('in_review', '审核中'), ('changes_requested', '退回修改'), ('approved', '待发布'), ('published', '已发布'), ('cancelled', '已终止')], default='in_review', max_length=20, verbose_name='状态')),
                    ('current_step', models.PositiveSmallIntegerField(default=0, verbose_name='当前环节')),
                    ('current_role', models.CharField(blank=True, choices=[('author', '信息报送员'), ('office_head', '科室负责人'), ('supervisor', '分管领导'), ('info_leader', '信息分管领导'), ('principal', '主要领导'), ('publisher', '党政办'), ('township_admin', '乡镇管理员'), ('county_auditor', '县级审计'), ('county_admin', '县级管理员')], max_length=20, verbose_name='待处理角色')),
                    ('round', models.PositiveSmallIntegerField(default=1, verbose_name='轮次')),
                    ('version', models.PositiveIntegerField(default=1, verbose_name='版本')),
                    ('submitted_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='提交时间')),
                    ('waiting_since', models.DateTimeField(default=django.utils.timezone.now, verbose_name='等待起始时间')),
                    ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='完成时间')),
                    ('author', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='submitted_reviews', to=settings.AUTH_USER_MODEL, verbose_name='报送人')),
                    ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='contenttypes.contenttype', verbose_name='对象类型')),
                    ('township', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='reviews', to='townships.township', verbose_name='乡镇')),
                ],
                options={
                    'verbose_name': '审签记录',
                    'verbose_name_plural': '审签记录',
                    'ordering': ['-submitted_at', '-pk'],
                },
            ),
            migrations.CreateModel(
                name='PendingReview',
                fields=[
                ],
                options={
                    'verbose_name': '待我处理',
                    'verbose_name_plural': '待我处理',
                    'proxy': True,
                    'indexes': [],
                    'constraints': [],
                },
                bases=('signoff.review',),
            ),
            migrations.CreateModel(
                name='SignOff',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('object_id', models.PositiveBigIntegerField(verbose_name='对象编号')),
                    ('role', models.CharField(blank=True, choices=[('author', '信息报送员'), ('office_head', '科室负责人'), ('supervisor', '分管领导'), ('info_leader', '信息分管领导'), ('principal', '主要领导'), ('publisher', '党政办'), ('township_admin', '乡镇管理员'), ('county_auditor', '县级审计'), ('county_admin', '县级管理员')], max_length=20, verbose_name='角色')),
                    ('action', models.CharField(choices=[('submit', '提交审核'), ('approve', '审核通过'), ('request_changes', '退回修改'), ('resubmit', '修改后重新提交'), ('publish', '发布'), ('withdraw', '撤回'), ('cancel', '终止审签')], max_length=20, verbose_name='操作')),
                    ('step', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='环节序号')),
                    ('step_label', models.CharField(blank=True, max_length=40, verbose_name='环节')),
                    ('round', models.PositiveSmallIntegerField(default=1, verbose_name='轮次')),
                    ('from_state', models.CharField(blank=True, max_length=20, verbose_name='原状态')),
                    ('to_state', models.CharField(blank=True, max_length=20, verbose_name='新状态')),
                    ('comment', models.TextField(blank=True, verbose_name='意见')),
                    ('confidentiality_attested', models.BooleanField(default=False, help_text='审核人确认不含国家秘密、商业秘密和个人隐私（条例第十七条）。', verbose_name='保密审查')),
                    ('pii_override_reason', models.TextField(blank=True, verbose_name='个人信息检查说明')),
                    ('pii_findings', models.PositiveIntegerField(default=0, verbose_name='个人信息疑似项数')),
                    ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='时间')),
                    ('actor', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='signoffs', to=settings.AUTH_USER_MODEL, verbose_name='操作人')),
                    ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='contenttypes.contenttype', verbose_name='对象类型')),
                    ('review', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='signoffs', to='signoff.review', verbose_name='审签')),
                    ('township', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='signoffs', to='townships.township', verbose_name='乡镇')),
                ],
                options={
                    'verbose_name': '审签日志',
                    'verbose_name_plural': '审签日志',
                    'ordering': ['created_at', 'pk'],
                },
            ),
            migrations.AddConstraint(
                model_name='chaintemplate',
                constraint=models.UniqueConstraint(fields=('township', 'importance'), name='chain_template_unique_importance'),
            ),
            migrations.AddConstraint(
                model_name='chainstep',
                constraint=models.UniqueConstraint(fields=('template', 'order'), name='chain_step_unique_order'),
            ),
            migrations.AddIndex(
                model_name='review',
                index=models.Index(fields=['content_type', 'object_id'], name='disclosure__content_df1cbf_idx'),
            ),
            migrations.AddIndex(
                model_name='review',
                index=models.Index(fields=['township', 'state', 'current_role'], name='disclosure__townshi_7c7c63_idx'),
            ),
            migrations.AddConstraint(
                model_name='review',
                constraint=models.UniqueConstraint(condition=models.Q(('state__in', ['in_review', 'changes_requested', 'approved'])), fields=('content_type', 'object_id'), name='review_one_active_per_object'),
            ),
            migrations.AddIndex(
                model_name='signoff',
                index=models.Index(fields=['content_type', 'object_id', 'created_at'], name='disclosure__content_b7f1d5_idx'),
            ),
            ],
        ),
        migrations.RunPython(move_content_types("disclosure", "signoff"),
                             move_content_types("signoff", "disclosure")),
    ]
